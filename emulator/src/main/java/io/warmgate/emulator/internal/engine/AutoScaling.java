package io.warmgate.emulator.internal.engine;

import java.util.List;

/**
 * The Auto Scaling commands: each checks its input as the service does, changes the world and
 * keeps its invariants (sizes within bounds, hooks unique per group, the group reconciled). Run
 * every command holding the engine lock.
 */
public final class AutoScaling {
  /** Quotas as AWS sets them. */
  static final int MAX_GROUPS = 500;
  static final int MAX_HOOKS = 50;
  static final int MAX_GROUP_TAGS = 50;
  /** The emulator's own cap on MaxSize, MinSize and the warm pool's sizes (AWS has none this low). */
  public static final int MAX_GROUP_SIZE = 10_000;
  /** CreateAutoScalingGroup without exactly one launch source (the text AWS answers, as observed). */
  static final String NO_LAUNCH_SOURCE = "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, "
      + "InstanceId or MixedInstancesPolicy parameter.";
  /**
   * A warm pool and a mixed instances policy do not go together. The sentence is the PutWarmPool reference's
   * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutWarmPool.html); AWS's error text is not
   * documented.
   */
  static final String NO_WARM_POOL_WITH_MIXED = "This operation cannot be called on an Auto Scaling group that has a "
      + "mixed instances policy or a launch template or launch configuration that requests Spot Instances.";

  private final Engine engine;
  private final GroupReconciler reconciler;
  private final LifecycleActions actions;

  AutoScaling(Engine engine, GroupReconciler reconciler, LifecycleActions actions) {
    this.engine = engine;
    this.reconciler = reconciler;
    this.actions = actions;
  }

  // ------------------------------------------------------------------ groups

  /** Creates a group with its hooks and tags and launches toward its desired capacity. */
  public Group createGroup(GroupSettings s, List<HookSpec> hooks, List<GroupTag> tags) {
    String name = groupName(s.name());
    if (engine.groups.containsKey(name)) {
      throw new ApiException(400, "AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name "
          + name + " already exists");
    }
    if (engine.groups.size() >= MAX_GROUPS) {
      throw new ApiException(400, "LimitExceeded", "You have reached your limit of " + MAX_GROUPS
          + " AutoScalingGroups");
    }
    int min = size("minSize", required("minSize", s.minSize()));
    int max = size("maxSize", required("maxSize", s.maxSize()));
    int desired = s.desired() == null ? min : size("desiredCapacity", s.desired());
    checkSizes(min, max, desired);
    // Exactly one launch source; two get the same answer as none (observed AWS text, see docs/emulator.md).
    if ((s.template() == null) == (s.mixedInstancesPolicy() == null)) {
      throw ApiException.validation(NO_LAUNCH_SOURCE);
    }
    GroupSettings.TemplateRef ref = launchSource(s);
    LaunchTemplate template = template(ref);
    if (hooks.size() > MAX_HOOKS) {
      throw new ApiException(400, "LimitExceeded", "Cannot have more than " + MAX_HOOKS + " lifecycle hooks");
    }
    // Check everything before anything changes, so a bad hook leaves no half-made group.
    for (int k = 0; k < hooks.size(); k++) {
      checkHook(hooks.get(k), true, "lifecycleHookSpecificationList." + (k + 1) + ".member.");
    }
    checkTags(tags, 0);
    checkOptions(s);
    Group g = new Group(name, "arn:aws:autoscaling:" + engine.region + ":" + engine.accountId + ":autoScalingGroup:"
        + engine.ids.uuid() + ":autoScalingGroupName/" + name, engine.clock.now());
    engine.groups.put(name, g);
    g.launchTemplate = template;
    g.launchTemplateVersion = ref.version();
    g.mixedPolicy = s.mixedInstancesPolicy();
    g.minSize = min;
    g.maxSize = max;
    g.desired = desired;
    applyOptions(g, s);
    for (HookSpec h : hooks) {
      Hook hook = new Hook(h.name(), name);
      applyHook(hook, h);
      g.hooks.put(hook.name, hook);
    }
    tags.forEach(t -> g.tags.put(t.key(), tag(t)));
    reconciler.reconcile(g);
    return g;
  }

  /** Changes a group's settings; desired capacity moves into new bounds when only they change. */
  public void updateGroup(GroupSettings s) {
    Group g = engine.findGroup(groupName(s.name()));
    if (g == null) {
      // AWS names no group here: its text is "- null" (observed; see docs/emulator.md).
      throw ApiException.validation("AutoScalingGroup name not found - null");
    }
    int min = s.minSize() != null ? size("minSize", s.minSize()) : g.minSize;
    int max = s.maxSize() != null ? size("maxSize", s.maxSize()) : g.maxSize;
    int desired = s.desired() != null ? size("desiredCapacity", s.desired()) : Math.min(max, Math.max(min, g.desired));
    checkSizes(min, max, desired);
    if (s.template() != null && s.mixedInstancesPolicy() != null) {
      throw ApiException.validation(NO_LAUNCH_SOURCE);
    }
    if (s.mixedInstancesPolicy() != null && g.warmPool != null) {
      throw ApiException.validation(NO_WARM_POOL_WITH_MIXED);
    }
    GroupSettings.TemplateRef ref = s.template() != null || s.mixedInstancesPolicy() != null ? launchSource(s) : null;
    LaunchTemplate template = ref == null ? null : template(ref);
    checkOptions(s);
    if (template != null) {
      g.launchTemplate = template;
      g.launchTemplateVersion = ref.version();
      g.mixedPolicy = s.mixedInstancesPolicy();
    }
    applyOptions(g, s);
    g.minSize = min;
    g.maxSize = max;
    g.desired = desired;
    reconciler.reconcile(g);
  }

  /** Sets a group's desired capacity (SetDesiredCapacity), within its bounds. */
  public void setDesiredCapacity(String groupName, int desired) {
    Group g = engine.findGroup(groupName(groupName));
    if (g == null) {
      throw ApiException.validation("AutoScalingGroup name not found - null");
    }
    size("desiredCapacity", desired);
    if (desired > g.maxSize) {
      throw ApiException.validation("New SetDesiredCapacity value " + desired + " is above max value " + g.maxSize
          + " for the AutoScalingGroup.");
    }
    if (desired < g.minSize) {
      throw ApiException.validation("New SetDesiredCapacity value " + desired + " is below min value " + g.minSize
          + " for the AutoScalingGroup.");
    }
    g.desired = desired;
    reconciler.reconcile(g);
  }

  /**
   * Deletes a group. Without force it must be empty: instances in it fail with ResourceInUse,
   * instances still terminating with ScalingActivityInProgress. With force, its instances are
   * terminated (without hooks) and their lifecycle actions dropped.
   */
  public void deleteGroup(String groupName, boolean force) {
    Group g = engine.findGroup(groupName(groupName));
    if (g == null) {
      throw ApiException.validation("AutoScalingGroup name not found - AutoScalingGroup '" + Check.echo(groupName)
          + "' not found");
    }
    boolean busy = g.instances.stream().anyMatch(i -> i.ec2State != Ec2State.TERMINATED);
    if (busy && !force) {
      if (g.desired > 0 || g.instances.stream().anyMatch(i -> !i.leaving())) {
        throw new ApiException(400, "ResourceInUse",
            "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
      }
      // Instances still on their way out (a terminating hook may hold them): AWS refuses until
      // they are gone rather than cutting their lifecycle actions short.
      throw new ApiException(400, "ScalingActivityInProgress",
          "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.");
    }
    for (SimInstance i : List.copyOf(g.instances)) {
      actions.cancel(i);
      engine.terminateEc2(i);
      i.group = null;
    }
    g.instances.clear();
    engine.groups.remove(g.name);
  }

  /** Terminates one group or pool instance (TerminateInstanceInAutoScalingGroup), optionally lowering capacity. */
  public Activity terminateInstance(String instanceId, boolean decrement) {
    SimInstance i = engine.instance(instanceId);
    if (i == null || i.group == null) {
      throw ApiException.validation("Instance Id not found - No managed instance found for instance ID: "
          + Check.echo(instanceId));
    }
    Group g = i.group;
    if (i.lifecycle != null && i.lifecycle.retained()) {
      // A retained instance already left the desired count: it goes without changing it.
      Activity a = engine.activity(g, i, "Terminating EC2 instance: " + i.id,
          "a retained instance was terminated in response to a user request");
      reconciler.terminateRetained(i);
      reconciler.reconcile(g);
      return a;
    }
    if (i.leaving()) {
      throw ApiException.validation("The instance " + i.id + " is already terminating.");
    }
    if (decrement && !i.warm) {
      if (g.desired <= g.minSize) {
        throw ApiException.validation("Currently, desiredCapacity (" + g.desired + ") is at min size(" + g.minSize
            + "). Cannot decrement below min size");
      }
      g.desired--;
    }
    Activity a = engine.activity(g, i, "Terminating EC2 instance: " + i.id,
        "an instance was taken out of service in response to a user request"
            + (decrement ? ", shrinking the capacity" : ""));
    reconciler.terminate(i);
    reconciler.reconcile(g);
    return a;
  }

  private static String groupName(String name) {
    return Check.xmlString("autoScalingGroupName", required("autoScalingGroupName", name), 255);
  }

  private static <T> T required(String member, T value) {
    if (value == null) {
      throw ApiException.validation("1 validation error detected: Value null at '" + member
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private static int size(String member, int value) {
    return Check.range(member, value, 0, MAX_GROUP_SIZE);
  }

  private static void checkSizes(int min, int max, int desired) {
    if (min > max) {
      throw ApiException.validation("Max bound, " + max + ", must be greater than or equal to min bound, " + min);
    }
    if (desired < min || desired > max) {
      throw ApiException.validation("Desired capacity:" + desired + " must be between the specified min size:"
          + min + " and max size:" + max);
    }
  }

  private static void checkOptions(GroupSettings s) {
    Check.range("defaultCooldown", s.defaultCooldown(), 0, Integer.MAX_VALUE);
    Check.range("healthCheckGracePeriod", s.healthCheckGracePeriod(), 0, Integer.MAX_VALUE);
    Check.xmlString("healthCheckType", s.healthCheckType(), 32);
    Check.xmlString("vPCZoneIdentifier", s.vpcZoneIdentifier(), 5000);
    s.availabilityZones().forEach(az -> Check.xmlString("availabilityZones.member", az, 255));
    GroupSettings.MixedPolicy mixed = s.mixedInstancesPolicy();
    if (mixed != null) {
      for (GroupSettings.Override o : mixed.overrides()) {
        Check.xmlString("mixedInstancesPolicy.launchTemplate.overrides.member.instanceType", o.instanceType(), 255);
        Check.xmlString("mixedInstancesPolicy.launchTemplate.overrides.member.weightedCapacity", o.weightedCapacity(),
            32);
      }
    }
    checkMaintenance(s.maintenancePolicy());
    String retain = s.terminateHookAbandon();
    if (retain != null && !retain.equals("retain") && !retain.equals("terminate")) {
      throw Check.constraint("instanceLifecyclePolicy.retentionTriggers.terminateHookAbandon", retain,
          "Member must satisfy enum value set: [retain, terminate]");
    }
  }

  /**
   * Checks an InstanceMaintenancePolicy as the reference states it
   * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstanceMaintenancePolicy.html): minimum 0 to 100,
   * maximum 100 to 200, -1 clears; both are given and at most 100 apart. The texts of the rules beyond the model's
   * ranges are the emulator's; AWS documents none.
   */
  private static void checkMaintenance(GroupSettings.MaintenancePolicy m) {
    if (m == null) {
      return;
    }
    Integer min = Check.range("instanceMaintenancePolicy.minHealthyPercentage", m.minHealthyPercentage(), -1, 100);
    Integer max = Check.range("instanceMaintenancePolicy.maxHealthyPercentage", m.maxHealthyPercentage(), -1, 200);
    if (min == null || max == null) {
      throw ApiException.validation("Both MinHealthyPercentage and MaxHealthyPercentage must be specified.");
    }
    if ((min == -1) != (max == -1)) {
      throw ApiException.validation("To clear an instance maintenance policy, specify -1 for both "
          + "MinHealthyPercentage and MaxHealthyPercentage.");
    }
    if (max != -1 && max < 100) {
      throw ApiException.validation("MaxHealthyPercentage must be between 100 and 200, or -1 to clear it.");
    }
    if (max - min > 100) {
      throw ApiException.validation("The difference between MaxHealthyPercentage and MinHealthyPercentage cannot be "
          + "greater than 100.");
    }
  }

  private static void applyOptions(Group g, GroupSettings s) {
    if (s.defaultCooldown() != null) {
      g.defaultCooldown = s.defaultCooldown();
    }
    if (s.healthCheckType() != null) {
      g.healthCheckType = s.healthCheckType();
    }
    if (s.healthCheckGracePeriod() != null) {
      g.healthCheckGracePeriod = s.healthCheckGracePeriod();
    }
    if (s.newInstancesProtectedFromScaleIn() != null) {
      g.newInstancesProtectedFromScaleIn = s.newInstancesProtectedFromScaleIn();
    }
    if (!s.availabilityZones().isEmpty()) {
      g.availabilityZones = s.availabilityZones();
    }
    if (s.vpcZoneIdentifier() != null) {
      g.vpcZoneIdentifier = s.vpcZoneIdentifier();
    }
    GroupSettings.MaintenancePolicy m = s.maintenancePolicy();
    if (m != null) {
      // -1 for both clears the policy: it is then left out of the group's description.
      g.maintenancePolicy = m.minHealthyPercentage() == -1 ? null : m;
    }
    if (s.terminateHookAbandon() != null) {
      g.terminateHookAbandon = s.terminateHookAbandon();
    }
  }

  private static GroupSettings.TemplateRef launchSource(GroupSettings s) {
    return s.template() != null ? s.template() : s.mixedInstancesPolicy().template();
  }

  /**
   * The launch template a group names, by id or by name (not both), with a version it has. The texts for a missing
   * or doubled reference are AWS's as observed; those for an unknown template or version are the emulator's.
   */
  private LaunchTemplate template(GroupSettings.TemplateRef ref) {
    if ((ref.id() == null) == (ref.name() == null)) {
      throw ApiException.validation("Valid requests must contain either launchTemplateId or LaunchTemplateName");
    }
    LaunchTemplate t;
    if (ref.id() != null) {
      t = engine.templates.get(ref.id());
      if (t == null) {
        throw ApiException.validation("You must use a valid fully-formed launch template. The specified launch "
            + "template, with template ID " + Check.echo(ref.id()) + ", does not exist.");
      }
    } else {
      t = engine.templateByName(ref.name());
      if (t == null) {
        throw ApiException.validation("You must use a valid fully-formed launch template. The specified launch "
            + "template, with template name " + Check.echo(ref.name()) + ", does not exist.");
      }
    }
    if (ref.version() != null) {
      Check.xmlString("launchTemplate.version", ref.version(), 255);
      if (t.resolve(ref.version()) == null) {
        throw ApiException.validation("You must use a valid fully-formed launch template. The specified launch "
            + "template version " + Check.echo(ref.version()) + " does not exist for launch template " + t.id + ".");
      }
    }
    return t;
  }

  // ------------------------------------------------------------------ warm pools

  /** Creates or changes a group's warm pool (PutWarmPool) and sizes it. */
  public void putWarmPool(String groupName, WarmPoolSpec spec) {
    Group g = engine.group(groupName);
    if (g.mixedPolicy != null) {
      throw ApiException.validation(NO_WARM_POOL_WITH_MIXED);
    }
    int minSize = size("minSize", spec.minSize());
    Integer mgpc = Check.range("maxGroupPreparedCapacity", spec.maxGroupPreparedCapacity(), -1, MAX_GROUP_SIZE);
    if (mgpc != null && mgpc >= 0 && mgpc < minSize) {
      throw ApiException.validation("MinSize (" + minSize + ") must be less than or equal to MaxGroupPreparedCapacity ("
          + mgpc + ").");
    }
    if (g.warmPool != null && g.warmPool.pendingDelete) {
      throw ApiException.validation("The warm pool for Auto Scaling group " + g.name + " is being deleted.");
    }
    WarmPool pool = g.warmPool == null ? new WarmPool() : g.warmPool;
    pool.minSize = minSize;
    pool.maxGroupPreparedCapacity = mgpc == null || mgpc == -1 ? null : mgpc;
    pool.poolState = spec.poolState() == null ? PoolState.STOPPED : spec.poolState();
    pool.reuseOnScaleIn = Boolean.TRUE.equals(spec.reuseOnScaleIn());
    pool.reusePolicyGiven = spec.reuseOnScaleIn() != null;
    g.warmPool = pool;
    reconciler.reconcile(g);
  }

  /** Drains and deletes a group's warm pool (DeleteWarmPool); with force its instances are terminated at once. */
  public void deleteWarmPool(String groupName, boolean force) {
    Group g = engine.group(groupName);
    if (g.warmPool == null) {
      throw ApiException.validation("No warm pool found for Auto Scaling group " + g.name + ".");
    }
    g.warmPool.pendingDelete = true;
    if (force) {
      for (SimInstance i : List.copyOf(g.instances)) {
        if (i.warm) {
          engine.terminateEc2(i);
        }
      }
    }
    reconciler.reconcile(g);
  }

  // ------------------------------------------------------------------ hooks and actions

  /** Creates or updates a lifecycle hook (PutLifecycleHook). */
  public void putHook(String groupName, HookSpec spec) {
    Group g = engine.group(groupName);
    Hook existing = g.hooks.get(spec.name());
    checkHook(spec, existing == null, "");
    if (existing == null && g.hooks.size() >= MAX_HOOKS) {
      throw new ApiException(400, "LimitExceeded", "Cannot have more than " + MAX_HOOKS
          + " lifecycle hooks for Auto Scaling group " + g.name);
    }
    Hook hook = existing != null ? existing : new Hook(spec.name(), g.name);
    applyHook(hook, spec);
    g.hooks.put(hook.name, hook);
  }

  /** Deletes a hook; its waiting actions end as DeleteLifecycleHook ends them. */
  public void deleteHook(String groupName, String hookName) {
    Group g = engine.group(groupName);
    Hook h = g.hooks.remove(hookName);
    if (h == null) {
      throw ApiException.validation("No Lifecycle Hook found with name " + Check.echo(hookName) + " for group " + g.name);
    }
    actions.release(h);
  }

  /** Completes the action found by token or instance id (CompleteLifecycleAction). */
  public void completeAction(String groupName, String hookName, String token, String instanceId, Hook.Result result) {
    actions.complete(actions.find(groupName, hookName, token, instanceId), result);
  }

  /** Moves the deadline of the action found by token or instance id (RecordLifecycleActionHeartbeat). */
  public void recordHeartbeat(String groupName, String hookName, String token, String instanceId) {
    actions.heartbeat(actions.find(groupName, hookName, token, instanceId));
  }

  /**
   * Checks a hook from PutLifecycleHook ({@code member} "") or from the n-th LifecycleHookSpecification of
   * CreateAutoScalingGroup ({@code member} "lifecycleHookSpecificationList.n.member."), whose error messages name the
   * member by that path.
   */
  private static void checkHook(HookSpec h, boolean creating, String member) {
    Check.asciiName(member + "lifecycleHookName", required(member + "lifecycleHookName", h.name()));
    if (creating && h.transition() == null) {
      throw ApiException.validation("LifecycleTransition must be specified when creating a lifecycle hook.");
    }
    Integer hb = h.heartbeatTimeout();
    if (hb != null && (hb < Hook.MIN_HEARTBEAT || hb > Hook.MAX_HEARTBEAT)) {
      throw ApiException.validation("Heartbeat timeout (" + hb + ") must be between " + Hook.MIN_HEARTBEAT + " and "
          + Hook.MAX_HEARTBEAT + " seconds.");
    }
    // XmlStringMaxLen1023 in both PutLifecycleHook and LifecycleHookSpecification: 1 to 1,023 XML characters.
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutLifecycleHook.html
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LifecycleHookSpecification.html
    Check.xmlString(member + "notificationMetadata", h.notificationMetadata(), Hook.MAX_NOTIFICATION_METADATA);
    Check.xmlString(member + "notificationTargetARN", h.notificationTargetArn(), 1600);
    Check.xmlString(member + "roleARN", h.roleArn(), 1600);
  }

  private static void applyHook(Hook hook, HookSpec h) {
    if (h.transition() != null) {
      hook.transition = h.transition();
    }
    if (h.heartbeatTimeout() != null) {
      hook.heartbeatTimeout = h.heartbeatTimeout();
    }
    if (h.defaultResult() != null) {
      hook.defaultResult = h.defaultResult();
    }
    if (h.notificationMetadata() != null) {
      hook.notificationMetadata = h.notificationMetadata();
    }
    if (h.notificationTargetArn() != null) {
      hook.notificationTargetArn = h.notificationTargetArn();
    }
    if (h.roleArn() != null) {
      hook.roleArn = h.roleArn();
    }
  }

  // ------------------------------------------------------------------ tags

  /** Creates or replaces group tags (CreateOrUpdateTags); every group must exist. */
  public void createOrUpdateTags(List<GroupTag> tags) {
    for (GroupTag t : tags) {
      if (t.resourceType() != null && !t.resourceType().equals("auto-scaling-group")) {
        throw ApiException.validation("Invalid resource type: " + Check.echo(t.resourceType()));
      }
      Group g = engine.group(t.groupName());
      checkTags(List.of(t), g.tags.size() + (g.tags.containsKey(t.key()) ? -1 : 0));
    }
    tags.forEach(t -> engine.group(t.groupName()).tags.put(t.key(), tag(t)));
  }

  /** Deletes group tags by key; every group must exist. */
  public void deleteTags(List<GroupTag> tags) {
    tags.forEach(t -> engine.group(t.groupName()));
    tags.forEach(t -> engine.group(t.groupName()).tags.remove(t.key()));
  }

  private static void checkTags(List<GroupTag> tags, int existing) {
    for (GroupTag t : tags) {
      Check.xmlString("tags.member.key", required("tags.member.key", t.key()), 128);
      if (t.value() != null && !t.value().isEmpty()) {
        Check.xmlString("tags.member.value", t.value(), 256);
      }
    }
    if (existing + tags.size() > MAX_GROUP_TAGS) {
      throw new ApiException(400, "LimitExceeded", "The number of tags on a group cannot exceed " + MAX_GROUP_TAGS);
    }
  }

  private static Group.Tag tag(GroupTag t) {
    return new Group.Tag(t.key(), t.value() == null ? "" : t.value(), t.propagateAtLaunch());
  }
}
