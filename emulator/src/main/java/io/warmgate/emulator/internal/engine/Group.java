package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds one Auto Scaling group: capacity, launch template, hooks, warm pool and instances.
 * Guarded by the engine lock; changed only by engine commands, read through the accessors.
 */
public final class Group {
  /** A group tag with its propagate flag. */
  public record Tag(String key, String value, boolean propagateAtLaunch) { }

  public final String name;
  public final String arn;
  public final Instant createdTime;
  LaunchTemplate launchTemplate;
  /** The Version the group names, or null if it named none (AWS then leaves it out and launches $Default). */
  String launchTemplateVersion;
  /** The group's mixed instances policy, or null if it launches from {@link #launchTemplate} alone. */
  GroupSettings.MixedPolicy mixedPolicy;
  /** The instance maintenance policy, or null if none is set. */
  GroupSettings.MaintenancePolicy maintenancePolicy;
  /** InstanceLifecyclePolicy's TerminateHookAbandon ({@code retain} or {@code terminate}), or null if never set. */
  String terminateHookAbandon;
  int minSize;
  int maxSize;
  int desired;
  int defaultCooldown = 300;
  String healthCheckType = "EC2";
  int healthCheckGracePeriod;
  boolean newInstancesProtectedFromScaleIn;
  List<String> availabilityZones = List.of();
  String vpcZoneIdentifier;
  final Map<String, Tag> tags = new LinkedHashMap<>();
  final Map<String, Hook> hooks = new LinkedHashMap<>();
  WarmPool warmPool;
  /** Instances in the group or its warm pool, until they reach a terminated state. */
  final Set<SimInstance> instances = new LinkedHashSet<>();
  /** Newest first, at most {@link #ACTIVITY_LIMIT}. */
  final List<Activity> activities = new ArrayList<>();
  int nextAz;

  static final int ACTIVITY_LIMIT = 1_000;

  Group(String name, String arn, Instant createdTime) {
    this.name = name;
    this.arn = arn;
    this.createdTime = createdTime;
  }

  public LaunchTemplate launchTemplate() {
    return launchTemplate;
  }

  public String launchTemplateVersion() {
    return launchTemplateVersion;
  }

  /** Returns the mixed instances policy, or null. */
  public GroupSettings.MixedPolicy mixedPolicy() {
    return mixedPolicy;
  }

  /** Returns the instance maintenance policy, or null if none is set. */
  public GroupSettings.MaintenancePolicy maintenancePolicy() {
    return maintenancePolicy;
  }

  /** Returns InstanceLifecyclePolicy's TerminateHookAbandon, or null if never set. */
  public String terminateHookAbandon() {
    return terminateHookAbandon;
  }

  public int minSize() {
    return minSize;
  }

  public int maxSize() {
    return maxSize;
  }

  public int desired() {
    return desired;
  }

  public int defaultCooldown() {
    return defaultCooldown;
  }

  public String healthCheckType() {
    return healthCheckType;
  }

  public int healthCheckGracePeriod() {
    return healthCheckGracePeriod;
  }

  public boolean newInstancesProtectedFromScaleIn() {
    return newInstancesProtectedFromScaleIn;
  }

  /** Returns the zones as configured (empty: the region's first zone is used). */
  public List<String> availabilityZones() {
    return availabilityZones;
  }

  public String vpcZoneIdentifier() {
    return vpcZoneIdentifier;
  }

  public Collection<Tag> tags() {
    return Collections.unmodifiableCollection(tags.values());
  }

  /** Returns the tag with this key, or null. */
  public Tag tag(String key) {
    return tags.get(key);
  }

  public Collection<Hook> hooks() {
    return Collections.unmodifiableCollection(hooks.values());
  }

  /** Returns the warm pool, or null if the group has none. */
  public WarmPool warmPool() {
    return warmPool;
  }

  /** Returns the instances in the group and its warm pool, in launch order. */
  public Collection<SimInstance> instances() {
    return Collections.unmodifiableCollection(instances);
  }

  /** Returns the scaling activities, newest first. */
  public List<Activity> activities() {
    return Collections.unmodifiableList(activities);
  }

  /** Returns the warm pool size the engine aims for: max(MinSize, (MGPC or MaxSize) - Desired). */
  public int warmPoolTarget() {
    if (warmPool == null) {
      return 0;
    }
    int prepared = warmPool.maxGroupPreparedCapacity != null ? warmPool.maxGroupPreparedCapacity : maxSize;
    return Math.max(warmPool.minSize, Math.max(0, prepared - desired));
  }

  String zone(String region, int index) {
    return availabilityZones.isEmpty() ? region + "a" : availabilityZones.get(index % availabilityZones.size());
  }
}
