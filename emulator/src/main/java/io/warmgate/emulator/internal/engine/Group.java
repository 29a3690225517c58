package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Holds one Auto Scaling group: capacity, launch template, hooks, warm pool and instances. */
public final class Group {
  /** A group tag with its propagate flag. */
  public record Tag(String key, String value, boolean propagateAtLaunch) { }

  public final String name;
  public final String arn;
  public final Instant createdTime;
  public LaunchTemplate launchTemplate;
  public String launchTemplateVersion = "$Default";
  /** How the request named the template: true by name, false by id (echoed back as given). */
  public boolean templateByName;
  public int minSize;
  public int maxSize;
  public int desired;
  public int defaultCooldown = 300;
  public String healthCheckType = "EC2";
  public int healthCheckGracePeriod = 0;
  public boolean newInstancesProtectedFromScaleIn;
  public List<String> availabilityZones = new ArrayList<>();
  public String vpcZoneIdentifier;
  public final Map<String, Tag> tags = new LinkedHashMap<>();
  public final Map<String, Hook> hooks = new LinkedHashMap<>();
  public WarmPool warmPool;
  /** Instances in the group or its warm pool, until they reach a terminated state. */
  public final Set<SimInstance> instances = new LinkedHashSet<>();
  public final List<Activity> activities = new ArrayList<>();
  int nextAz;

  Group(String name, String arn, Instant createdTime) {
    this.name = name;
    this.arn = arn;
    this.createdTime = createdTime;
  }

  /** Returns the warm pool size the engine aims for: max(MinSize, (MGPC or MaxSize) - Desired). */
  public int warmPoolTarget() {
    if (warmPool == null) {
      return 0;
    }
    int prepared = warmPool.maxGroupPreparedCapacity != null ? warmPool.maxGroupPreparedCapacity : maxSize;
    return Math.max(warmPool.minSize, Math.max(0, prepared - desired));
  }
}
