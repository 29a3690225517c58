package io.warmgate.emulator.internal.engine;

import java.util.List;

/**
 * The settings of CreateAutoScalingGroup or UpdateAutoScalingGroup, as parsed from a request.
 * A null member was not given (on update: unchanged); the engine checks the values.
 *
 * @param name the group name
 * @param minSize MinSize
 * @param maxSize MaxSize
 * @param desired DesiredCapacity
 * @param template the launch template, or null
 * @param defaultCooldown DefaultCooldown in seconds
 * @param healthCheckType HealthCheckType
 * @param healthCheckGracePeriod HealthCheckGracePeriod in seconds
 * @param newInstancesProtectedFromScaleIn NewInstancesProtectedFromScaleIn
 * @param availabilityZones AvailabilityZones (empty: not given)
 * @param vpcZoneIdentifier VPCZoneIdentifier
 */
public record GroupSettings(String name, Integer minSize, Integer maxSize, Integer desired, TemplateRef template,
    Integer defaultCooldown, String healthCheckType, Integer healthCheckGracePeriod,
    Boolean newInstancesProtectedFromScaleIn, List<String> availabilityZones, String vpcZoneIdentifier) {

  /** Copies the zones. */
  public GroupSettings {
    availabilityZones = List.copyOf(availabilityZones);
  }

  /**
   * A launch template as a group names it: by id or by name, with a version.
   *
   * @param id LaunchTemplateId, or null
   * @param name LaunchTemplateName, or null
   * @param version Version, or null for {@code $Default}
   */
  public record TemplateRef(String id, String name, String version) { }
}
