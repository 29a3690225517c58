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
 * @param mixedInstancesPolicy MixedInstancesPolicy, or null
 * @param maintenancePolicy InstanceMaintenancePolicy, or null
 * @param terminateHookAbandon InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon, or null
 */
public record GroupSettings(String name, Integer minSize, Integer maxSize, Integer desired, TemplateRef template,
    Integer defaultCooldown, String healthCheckType, Integer healthCheckGracePeriod,
    Boolean newInstancesProtectedFromScaleIn, List<String> availabilityZones, String vpcZoneIdentifier,
    MixedPolicy mixedInstancesPolicy, MaintenancePolicy maintenancePolicy, String terminateHookAbandon) {

  /** The settings of a request that gives only these, as the engine's tests make groups. */
  public GroupSettings(String name, Integer minSize, Integer maxSize, Integer desired, TemplateRef template,
      Integer defaultCooldown, String healthCheckType, Integer healthCheckGracePeriod,
      Boolean newInstancesProtectedFromScaleIn, List<String> availabilityZones, String vpcZoneIdentifier) {
    this(name, minSize, maxSize, desired, template, defaultCooldown, healthCheckType, healthCheckGracePeriod,
        newInstancesProtectedFromScaleIn, availabilityZones, vpcZoneIdentifier, null, null, null);
  }

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

  /**
   * A MixedInstancesPolicy: the launch template and its overrides, and the instances distribution as given.
   *
   * @param template LaunchTemplate.LaunchTemplateSpecification
   * @param overrides LaunchTemplate.Overrides, in priority order
   * @param distribution InstancesDistribution's members as given, by name
   */
  public record MixedPolicy(TemplateRef template, List<Override> overrides, java.util.Map<String, String> distribution) {
    /** Copies the lists. */
    public MixedPolicy {
      overrides = List.copyOf(overrides);
      distribution = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(distribution));
    }
  }

  /**
   * One override of a mixed instances policy.
   *
   * @param instanceType InstanceType, or null
   * @param weightedCapacity WeightedCapacity, or null
   */
  public record Override(String instanceType, String weightedCapacity) { }

  /**
   * An InstanceMaintenancePolicy as given; -1 clears a value.
   *
   * @param minHealthyPercentage MinHealthyPercentage, or null
   * @param maxHealthyPercentage MaxHealthyPercentage, or null
   */
  public record MaintenancePolicy(Integer minHealthyPercentage, Integer maxHealthyPercentage) { }
}
