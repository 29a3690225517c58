package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.Activity;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.Hook;
import io.warmgate.emulator.internal.engine.LaunchTemplate;
import io.warmgate.emulator.internal.engine.LifecycleAction;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.engine.WarmPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers the Auto Scaling Query protocol (version 2011-01-01): parses each action's parameters,
 * calls the engine under its lock and writes the response shape of the service model.
 */
final class AutoScalingApi {
  static final String VERSION = "2011-01-01";
  static final String XMLNS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  static final Set<String> ACTIONS = Set.of(
      "CreateAutoScalingGroup", "UpdateAutoScalingGroup", "DeleteAutoScalingGroup",
      "DescribeAutoScalingGroups", "DescribeAutoScalingInstances", "SetDesiredCapacity",
      "TerminateInstanceInAutoScalingGroup", "PutWarmPool", "DescribeWarmPool", "DeleteWarmPool",
      "PutLifecycleHook", "DescribeLifecycleHooks", "DeleteLifecycleHook", "CompleteLifecycleAction",
      "RecordLifecycleActionHeartbeat", "DescribeScalingActivities", "CreateOrUpdateTags",
      "DescribeTags", "DeleteTags", "DescribeLifecycleHookTypes");
  private static final int MAX_GROUPS = 500;
  private static final int MAX_HOOKS = 50;

  private final Engine engine;

  AutoScalingApi(Engine engine) {
    this.engine = engine;
  }

  /** Handles one action and returns the response XML. */
  String handle(String action, Params p, String requestId) {
    Xml x = new Xml().start(action + "Response", XMLNS);
    synchronized (engine) {
      switch (action) {
        case "CreateAutoScalingGroup" -> createGroup(p);
        case "UpdateAutoScalingGroup" -> updateGroup(p);
        case "DeleteAutoScalingGroup" -> engine.deleteGroup(engine.group(p.required("AutoScalingGroupName")),
            p.bool("ForceDelete", false));
        case "DescribeAutoScalingGroups" -> describeGroups(p, result(x, action));
        case "DescribeAutoScalingInstances" -> describeInstances(p, result(x, action));
        case "SetDesiredCapacity" -> setDesired(p);
        case "TerminateInstanceInAutoScalingGroup" -> terminate(p, result(x, action));
        case "PutWarmPool" -> {
          putWarmPool(p);
          result(x, action);
        }
        case "DescribeWarmPool" -> describeWarmPool(p, result(x, action));
        case "DeleteWarmPool" -> {
          deleteWarmPool(p);
          result(x, action);
        }
        case "PutLifecycleHook" -> {
          putHook(engine.group(p.required("AutoScalingGroupName")), p, true);
          result(x, action);
        }
        case "DescribeLifecycleHooks" -> describeHooks(p, result(x, action));
        case "DeleteLifecycleHook" -> {
          deleteHook(p);
          result(x, action);
        }
        case "CompleteLifecycleAction" -> {
          completeAction(p);
          result(x, action);
        }
        case "RecordLifecycleActionHeartbeat" -> {
          heartbeat(p);
          result(x, action);
        }
        case "DescribeScalingActivities" -> describeActivities(p, result(x, action));
        case "CreateOrUpdateTags" -> createOrUpdateTags(p);
        case "DeleteTags" -> deleteTags(p);
        case "DescribeTags" -> describeTags(p, result(x, action));
        case "DescribeLifecycleHookTypes" -> {
          result(x, action).start("LifecycleHookTypes")
              .leaf("member", Hook.LAUNCHING).leaf("member", Hook.TERMINATING).end();
        }
        default -> throw new ApiException(400, "InvalidAction",
            "Could not find operation " + action + " for version " + VERSION);
      }
    }
    return finish(x, action, requestId);
  }

  // The Result element is opened lazily so that actions without output write none.
  private static Xml result(Xml x, String action) {
    return x.openResult(action + "Result");
  }

  private static String finish(Xml x, String action, String requestId) {
    x.closeResult();
    x.start("ResponseMetadata").leaf("RequestId", requestId).end();
    x.end();
    return x.toString();
  }

  /** Renders an error in the Query protocol shape. */
  static String error(ApiException e, String requestId) {
    return new Xml().start("ErrorResponse", XMLNS)
        .start("Error")
        .leaf("Type", e.status() >= 500 ? "Receiver" : "Sender")
        .leaf("Code", e.code())
        .leaf("Message", e.getMessage())
        .end()
        .leaf("RequestId", requestId)
        .end().toString();
  }

  // ------------------------------------------------------------------ groups

  private void createGroup(Params p) {
    String name = name(p, "AutoScalingGroupName");
    if (engine.groups.containsKey(name)) {
      throw new ApiException(400, "AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name "
          + name + " already exists");
    }
    if (engine.groups.size() >= MAX_GROUPS) {
      throw new ApiException(400, "LimitExceeded", "You have reached your limit of " + MAX_GROUPS
          + " AutoScalingGroups");
    }
    int min = nonNegative(p, "MinSize", true);
    int max = nonNegative(p, "MaxSize", true);
    Integer desired = p.integer("DesiredCapacity");
    int want = desired == null ? min : desired;
    checkSizes(min, max, want);
    Params lt = p.sub("LaunchTemplate");
    if (lt.isEmpty()) {
      throw ApiException.validation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, "
          + "InstanceId or MixedInstancesPolicy parameter.");
    }
    LaunchTemplate template = template(lt);
    List<Params> hookSpecs = p.structs("LifecycleHookSpecificationList");
    if (hookSpecs.size() > MAX_HOOKS) {
      throw new ApiException(400, "LimitExceeded", "Cannot have more than " + MAX_HOOKS + " lifecycle hooks");
    }
    List<Params> tagSpecs = p.structs("Tags");
    // Validate everything before anything changes, so a bad hook leaves no half-made group.
    for (Params h : hookSpecs) {
      validateHook(h, true);
    }
    for (Params t : tagSpecs) {
      t.required("Key");
    }
    Group g = engine.createGroup(name);
    g.launchTemplate = template;
    g.templateByName = lt.get("LaunchTemplateId") == null;
    g.launchTemplateVersion = lt.get("Version") != null ? lt.get("Version") : "$Default";
    g.minSize = min;
    g.maxSize = max;
    g.desired = want;
    applyOptional(g, p);
    for (Params h : hookSpecs) {
      Hook hook = engine.newHook(h.required("LifecycleHookName"), name);
      g.hooks.put(hook.name, hook);
      applyHook(hook, h);
    }
    for (Params t : tagSpecs) {
      g.tags.put(t.required("Key"), new Group.Tag(t.required("Key"), t.get("Value") == null ? "" : t.get("Value"),
          t.bool("PropagateAtLaunch", false)));
    }
    engine.reconcile(g);
  }

  private void applyOptional(Group g, Params p) {
    if (p.has("DefaultCooldown")) {
      g.defaultCooldown = nonNegative(p, "DefaultCooldown", false);
    }
    if (p.get("HealthCheckType") != null) {
      g.healthCheckType = p.get("HealthCheckType");
    }
    if (p.has("HealthCheckGracePeriod")) {
      g.healthCheckGracePeriod = nonNegative(p, "HealthCheckGracePeriod", false);
    }
    if (p.has("NewInstancesProtectedFromScaleIn")) {
      g.newInstancesProtectedFromScaleIn = p.bool("NewInstancesProtectedFromScaleIn", false);
    }
    List<String> azs = p.list("AvailabilityZones");
    if (!azs.isEmpty()) {
      g.availabilityZones = azs;
    }
    if (p.get("VPCZoneIdentifier") != null) {
      g.vpcZoneIdentifier = p.get("VPCZoneIdentifier");
    }
  }

  private LaunchTemplate template(Params lt) {
    String id = lt.get("LaunchTemplateId");
    String name = lt.get("LaunchTemplateName");
    if (id != null) {
      LaunchTemplate t = engine.templates.get(id);
      if (t == null) {
        throw ApiException.validation("You must use a valid fully-formed launch template. The specified launch "
            + "template, with template ID " + id + ", does not exist.");
      }
      return t;
    }
    if (name == null) {
      throw ApiException.validation("You must use a valid fully-formed launch template. Either LaunchTemplateId "
          + "or LaunchTemplateName must be specified.");
    }
    LaunchTemplate t = engine.templateByName(name);
    if (t == null) {
      throw ApiException.validation("You must use a valid fully-formed launch template. The specified launch "
          + "template, with template name " + name + ", does not exist.");
    }
    return t;
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

  private void updateGroup(Params p) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    int min = p.has("MinSize") ? nonNegative(p, "MinSize", true) : g.minSize;
    int max = p.has("MaxSize") ? nonNegative(p, "MaxSize", true) : g.maxSize;
    int desired;
    if (p.has("DesiredCapacity")) {
      desired = nonNegative(p, "DesiredCapacity", true);
    } else {
      // AWS moves desired capacity into the new bounds when only the bounds change.
      desired = Math.min(max, Math.max(min, g.desired));
    }
    checkSizes(min, max, desired);
    Params lt = p.sub("LaunchTemplate");
    if (!lt.isEmpty()) {
      g.launchTemplate = template(lt);
      g.templateByName = lt.get("LaunchTemplateId") == null;
      g.launchTemplateVersion = lt.get("Version") != null ? lt.get("Version") : "$Default";
    }
    applyOptional(g, p);
    g.minSize = min;
    g.maxSize = max;
    g.desired = desired;
    engine.reconcile(g);
  }

  private void setDesired(Params p) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    int desired = nonNegative(p, "DesiredCapacity", true);
    if (desired > g.maxSize) {
      throw ApiException.validation("New SetDesiredCapacity value " + desired + " is above max value " + g.maxSize
          + " for the AutoScalingGroup.");
    }
    if (desired < g.minSize) {
      throw ApiException.validation("New SetDesiredCapacity value " + desired + " is below min value " + g.minSize
          + " for the AutoScalingGroup.");
    }
    g.desired = desired;
    engine.reconcile(g);
  }

  private void describeGroups(Params p, Xml x) {
    List<String> names = p.list("AutoScalingGroupNames");
    int maxRecords = p.integer("MaxRecords", 1, 100, 50);
    List<Params> filters = p.structs("Filters");
    List<Group> matching = new ArrayList<>();
    for (Group g : engine.groups.values()) {
      if ((names.isEmpty() || names.contains(g.name)) && groupMatches(g, filters)) {
        matching.add(g);
      }
    }
    int from = p.offset("NextToken");
    x.start("AutoScalingGroups");
    int to = Math.min(matching.size(), from + maxRecords);
    for (int k = from; k < to; k++) {
      writeGroup(x, matching.get(k));
    }
    x.end();
    if (to < matching.size()) {
      x.leaf("NextToken", Params.token(to));
    }
  }

  private static boolean groupMatches(Group g, List<Params> filters) {
    for (Params f : filters) {
      String name = f.get("Name");
      List<String> values = f.list("Values");
      if (name == null) {
        continue;
      }
      boolean ok;
      if (name.startsWith("tag:")) {
        Group.Tag t = g.tags.get(name.substring(4));
        ok = t != null && values.contains(t.value());
      } else if (name.equals("tag-key")) {
        ok = g.tags.keySet().stream().anyMatch(values::contains);
      } else if (name.equals("tag-value")) {
        ok = g.tags.values().stream().anyMatch(t -> values.contains(t.value()));
      } else {
        throw ApiException.validation("Filter name " + name + " is invalid.");
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void writeGroup(Xml x, Group g) {
    x.start("member")
        .leaf("AutoScalingGroupName", g.name)
        .leaf("AutoScalingGroupARN", g.arn);
    writeTemplate(x, g);
    x.leaf("MinSize", g.minSize)
        .leaf("MaxSize", g.maxSize)
        .leaf("DesiredCapacity", g.desired)
        .leaf("DefaultCooldown", g.defaultCooldown);
    x.start("AvailabilityZones");
    for (String az : g.availabilityZones.isEmpty() ? List.of(engine.region + "a") : g.availabilityZones) {
      x.leaf("member", az);
    }
    x.end();
    x.empty("LoadBalancerNames").empty("TargetGroupARNs")
        .leaf("HealthCheckType", g.healthCheckType)
        .leaf("HealthCheckGracePeriod", g.healthCheckGracePeriod);
    x.start("Instances");
    for (SimInstance i : g.instances) {
      if (!i.warm) {
        writeInstance(x, i, i.unhealthy ? "Unhealthy" : "Healthy");
      }
    }
    x.end();
    x.leaf("CreatedTime", g.createdTime).empty("SuspendedProcesses");
    x.leaf("VPCZoneIdentifier", g.vpcZoneIdentifier);
    x.empty("EnabledMetrics");
    x.start("Tags");
    for (Group.Tag t : g.tags.values()) {
      writeTag(x, g.name, t);
    }
    x.end();
    x.start("TerminationPolicies").leaf("member", "Default").end();
    x.leaf("NewInstancesProtectedFromScaleIn", g.newInstancesProtectedFromScaleIn)
        .leaf("ServiceLinkedRoleARN", "arn:aws:iam::" + engine.accountId
            + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
        .leaf("CapacityRebalance", false);
    if (g.warmPool != null) {
      writePoolConfig(x, g.warmPool);
      x.leaf("WarmPoolSize", g.warmPoolTarget());
    }
    x.end();
  }

  private void writeTemplate(Xml x, Group g) {
    if (g.launchTemplate == null) {
      return;
    }
    x.start("LaunchTemplate")
        .leaf("LaunchTemplateId", g.launchTemplate.id)
        .leaf("LaunchTemplateName", g.launchTemplate.name)
        .leaf("Version", g.launchTemplateVersion)
        .end();
  }

  private void writeInstance(Xml x, SimInstance i, String health) {
    x.start("member")
        .leaf("InstanceId", i.id)
        .leaf("InstanceType", i.instanceType)
        .leaf("AvailabilityZone", i.availabilityZone)
        .leaf("LifecycleState", i.lifecycle)
        .leaf("HealthStatus", health);
    if (i.group != null) {
      writeTemplate(x, i.group);
    }
    x.leaf("ProtectedFromScaleIn", i.protectedFromScaleIn).end();
  }

  private static void writeTag(Xml x, String group, Group.Tag t) {
    x.start("member")
        .leaf("ResourceId", group)
        .leaf("ResourceType", "auto-scaling-group")
        .leaf("Key", t.key())
        .leaf("Value", t.value())
        .leaf("PropagateAtLaunch", t.propagateAtLaunch())
        .end();
  }

  private void describeInstances(Params p, Xml x) {
    List<String> ids = p.list("InstanceIds");
    int maxRecords = p.integer("MaxRecords", 1, 50, 50);
    List<SimInstance> matching = new ArrayList<>();
    for (SimInstance i : engine.instances.values()) {
      if (i.group != null && (ids.isEmpty() || ids.contains(i.id))) {
        matching.add(i);
      }
    }
    int from = p.offset("NextToken");
    int to = Math.min(matching.size(), from + maxRecords);
    x.start("AutoScalingInstances");
    for (int k = from; k < to; k++) {
      SimInstance i = matching.get(k);
      x.start("member")
          .leaf("InstanceId", i.id)
          .leaf("InstanceType", i.instanceType)
          .leaf("AutoScalingGroupName", i.group.name)
          .leaf("AvailabilityZone", i.availabilityZone)
          .leaf("LifecycleState", i.lifecycle)
          .leaf("HealthStatus", i.unhealthy ? "UNHEALTHY" : "HEALTHY");
      writeTemplate(x, i.group);
      x.leaf("ProtectedFromScaleIn", i.protectedFromScaleIn).end();
    }
    x.end();
    if (to < matching.size()) {
      x.leaf("NextToken", Params.token(to));
    }
  }

  private void terminate(Params p, Xml x) {
    String id = p.required("InstanceId");
    Boolean decrement = p.bool("ShouldDecrementDesiredCapacity");
    if (decrement == null) {
      throw p.missing("ShouldDecrementDesiredCapacity");
    }
    SimInstance i = engine.instances.get(id);
    if (i == null || i.group == null) {
      throw ApiException.validation("Instance Id not found - No managed instance found for instance ID: " + id);
    }
    if (i.leaving()) {
      throw ApiException.validation("The instance " + id + " is already terminating.");
    }
    writeActivity(x, engine.terminateInGroup(i, decrement));
  }

  private static void writeActivity(Xml x, Activity a) {
    x.start("Activity");
    activityBody(x, a);
    x.end();
  }

  private static void activityBody(Xml x, Activity a) {
    x.leaf("ActivityId", a.id())
        .leaf("AutoScalingGroupName", a.groupName())
        .leaf("Description", a.description())
        .leaf("Cause", a.cause())
        .leaf("StartTime", a.start())
        .leaf("EndTime", a.end())
        .leaf("StatusCode", a.statusCode())
        .leaf("Progress", 100)
        .leaf("Details", a.details())
        .leaf("AutoScalingGroupARN", a.groupArn());
  }

  private void describeActivities(Params p, Xml x) {
    String groupName = p.get("AutoScalingGroupName");
    List<String> ids = p.list("ActivityIds");
    int maxRecords = p.integer("MaxRecords", 1, 100, 100);
    List<Activity> matching = new ArrayList<>();
    if (groupName != null) {
      Group g = engine.groups.get(groupName);
      if (g != null) {
        matching.addAll(g.activities);
      }
    } else {
      for (Group g : engine.groups.values()) {
        matching.addAll(g.activities);
      }
    }
    if (!ids.isEmpty()) {
      matching.removeIf(a -> !ids.contains(a.id()));
    }
    int from = p.offset("NextToken");
    int to = Math.min(matching.size(), from + maxRecords);
    x.start("Activities");
    for (int k = from; k < to; k++) {
      x.start("member");
      activityBody(x, matching.get(k));
      x.end();
    }
    x.end();
    if (to < matching.size()) {
      x.leaf("NextToken", Params.token(to));
    }
  }

  // ------------------------------------------------------------------ warm pools

  private void putWarmPool(Params p) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    int minSize = p.has("MinSize") ? nonNegative(p, "MinSize", false) : 0;
    Integer mgpc = p.integer("MaxGroupPreparedCapacity");
    if (mgpc != null && mgpc < -1) {
      throw p.invalid("MaxGroupPreparedCapacity", String.valueOf(mgpc), "Member must have value greater than or equal to -1");
    }
    if (mgpc != null && mgpc >= 0 && mgpc < minSize) {
      throw ApiException.validation("MinSize (" + minSize + ") must be less than or equal to MaxGroupPreparedCapacity ("
          + mgpc + ").");
    }
    String state = p.get("PoolState") == null ? "Stopped" : p.get("PoolState");
    if (!Set.of("Stopped", "Running", "Hibernated").contains(state)) {
      throw p.invalid("PoolState", state, "Member must satisfy enum value set: [Hibernated, Running, Stopped]");
    }
    if (g.warmPool != null && g.warmPool.status != null) {
      throw ApiException.validation("The warm pool for Auto Scaling group " + g.name + " is being deleted.");
    }
    WarmPool pool = g.warmPool == null ? new WarmPool() : g.warmPool;
    pool.minSize = minSize;
    pool.maxGroupPreparedCapacity = mgpc == null || mgpc == -1 ? null : mgpc;
    pool.poolState = state;
    pool.reuseOnScaleIn = p.bool("InstanceReusePolicy.ReuseOnScaleIn", false);
    g.warmPool = pool;
    engine.reconcile(g);
  }

  private void describeWarmPool(Params p, Xml x) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    int maxRecords = p.integer("MaxRecords", 1, 50, 50);
    List<SimInstance> pool = new ArrayList<>();
    for (SimInstance i : g.instances) {
      if (i.warm) {
        pool.add(i);
      }
    }
    if (g.warmPool != null) {
      writePoolConfig(x, g.warmPool);
    }
    int from = p.offset("NextToken");
    int to = Math.min(pool.size(), from + maxRecords);
    x.start("Instances");
    for (int k = from; k < to; k++) {
      writeInstance(x, pool.get(k), "Healthy");
    }
    x.end();
    if (to < pool.size()) {
      x.leaf("NextToken", Params.token(to));
    }
  }

  private static void writePoolConfig(Xml x, WarmPool pool) {
    x.start("WarmPoolConfiguration")
        .leaf("MaxGroupPreparedCapacity", pool.maxGroupPreparedCapacity)
        .leaf("MinSize", pool.minSize)
        .leaf("PoolState", pool.poolState)
        .leaf("Status", pool.status)
        .start("InstanceReusePolicy").leaf("ReuseOnScaleIn", pool.reuseOnScaleIn).end()
        .end();
  }

  private void deleteWarmPool(Params p) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    if (g.warmPool == null) {
      throw ApiException.validation("No warm pool found for Auto Scaling group " + g.name + ".");
    }
    boolean force = p.bool("ForceDelete", false);
    g.warmPool.status = "PendingDelete";
    if (force) {
      for (SimInstance i : List.copyOf(g.instances)) {
        if (i.warm) {
          engine.terminateEc2(i);
        }
      }
    }
    engine.reconcile(g);
  }

  // ------------------------------------------------------------------ hooks and actions

  private void putHook(Group g, Params p, boolean allowUpdate) {
    String name = name(p, "LifecycleHookName");
    Hook existing = g.hooks.get(name);
    validateHook(p, existing == null);
    if (existing == null && g.hooks.size() >= MAX_HOOKS) {
      throw new ApiException(400, "LimitExceeded", "Cannot have more than " + MAX_HOOKS
          + " lifecycle hooks for Auto Scaling group " + g.name);
    }
    Hook hook = existing != null && allowUpdate ? existing : engine.newHook(name, g.name);
    applyHook(hook, p);
    g.hooks.put(name, hook);
  }

  private static void validateHook(Params p, boolean creating) {
    p.required("LifecycleHookName");
    String transition = p.get("LifecycleTransition");
    if (creating && transition == null) {
      throw ApiException.validation("LifecycleTransition must be specified when creating a lifecycle hook.");
    }
    if (transition != null && !transition.equals(Hook.LAUNCHING) && !transition.equals(Hook.TERMINATING)) {
      throw ApiException.validation("Invalid Lifecycle Transition: " + transition);
    }
    Integer hb = p.integer("HeartbeatTimeout");
    if (hb != null && (hb < 30 || hb > 7200)) {
      throw ApiException.validation("Heartbeat timeout (" + hb + ") must be between 30 and 7200 seconds.");
    }
    String result = p.get("DefaultResult");
    if (result != null && !result.equals("CONTINUE") && !result.equals("ABANDON")) {
      throw ApiException.validation("Invalid DefaultResult: " + result + ". Valid values are CONTINUE and ABANDON.");
    }
    String metadata = p.get("NotificationMetadata");
    if (metadata != null && (metadata.length() > 4000 || !metadata.chars().allMatch(c -> c >= 0x20 && c < 0x7f
        || c == '\n' || c == '\r' || c == '\t'))) {
      throw ApiException.validation("NotificationMetadata must be at most 4000 printable ASCII characters.");
    }
  }

  private static void applyHook(Hook hook, Params p) {
    if (p.get("LifecycleTransition") != null) {
      hook.transition = p.get("LifecycleTransition");
    }
    if (p.integer("HeartbeatTimeout") != null) {
      hook.heartbeatTimeout = p.integer("HeartbeatTimeout");
    }
    if (p.get("DefaultResult") != null) {
      hook.defaultResult = p.get("DefaultResult");
    }
    if (p.has("NotificationMetadata")) {
      hook.notificationMetadata = p.get("NotificationMetadata");
    }
    if (p.has("NotificationTargetARN")) {
      hook.notificationTargetArn = p.get("NotificationTargetARN");
    }
    if (p.has("RoleARN")) {
      hook.roleArn = p.get("RoleARN");
    }
  }

  private void describeHooks(Params p, Xml x) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    List<String> names = p.list("LifecycleHookNames");
    x.start("LifecycleHooks");
    for (Hook h : g.hooks.values()) {
      if (names.isEmpty() || names.contains(h.name)) {
        x.start("member")
            .leaf("LifecycleHookName", h.name)
            .leaf("AutoScalingGroupName", h.groupName)
            .leaf("LifecycleTransition", h.transition)
            .leaf("NotificationTargetARN", h.notificationTargetArn)
            .leaf("RoleARN", h.roleArn)
            .leaf("NotificationMetadata", h.notificationMetadata)
            .leaf("HeartbeatTimeout", h.heartbeatTimeout)
            .leaf("GlobalTimeout", h.globalTimeout())
            .leaf("DefaultResult", h.defaultResult)
            .end();
      }
    }
    x.end();
  }

  private void deleteHook(Params p) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    String name = p.required("LifecycleHookName");
    Hook h = g.hooks.get(name);
    if (h == null) {
      throw ApiException.validation("No Lifecycle Hook found with name " + name + " for group " + g.name);
    }
    g.hooks.remove(name);
    engine.releaseActions(h);
  }

  private void completeAction(Params p) {
    String group = p.required("AutoScalingGroupName");
    String hook = p.required("LifecycleHookName");
    String result = p.required("LifecycleActionResult");
    if (!result.equals("CONTINUE") && !result.equals("ABANDON")) {
      throw ApiException.validation("Invalid LifecycleActionResult: " + result
          + ". Valid values are CONTINUE and ABANDON.");
    }
    LifecycleAction a = engine.findAction(group, hook, p.get("LifecycleActionToken"), p.get("InstanceId"));
    engine.complete(a, result);
  }

  private void heartbeat(Params p) {
    String group = p.required("AutoScalingGroupName");
    String hook = p.required("LifecycleHookName");
    LifecycleAction a = engine.findAction(group, hook, p.get("LifecycleActionToken"), p.get("InstanceId"));
    engine.heartbeat(a);
  }

  // ------------------------------------------------------------------ tags

  private void createOrUpdateTags(Params p) {
    List<Params> tags = p.structs("Tags");
    if (tags.isEmpty()) {
      throw p.missing("Tags");
    }
    for (Params t : tags) {
      t.required("Key");
      String type = t.get("ResourceType");
      if (type != null && !type.equals("auto-scaling-group")) {
        throw ApiException.validation("Invalid resource type: " + type);
      }
      engine.group(t.required("ResourceId"));
    }
    for (Params t : tags) {
      Group g = engine.group(t.required("ResourceId"));
      g.tags.put(t.get("Key"), new Group.Tag(t.get("Key"), t.get("Value") == null ? "" : t.get("Value"),
          t.bool("PropagateAtLaunch", false)));
    }
  }

  private void deleteTags(Params p) {
    List<Params> tags = p.structs("Tags");
    if (tags.isEmpty()) {
      throw p.missing("Tags");
    }
    for (Params t : tags) {
      Group g = engine.group(t.required("ResourceId"));
      g.tags.remove(t.required("Key"));
    }
  }

  private void describeTags(Params p, Xml x) {
    List<Params> filters = p.structs("Filters");
    int maxRecords = p.integer("MaxRecords", 1, 100, 100);
    List<Object[]> matching = new ArrayList<>();
    for (Group g : engine.groups.values()) {
      for (Group.Tag t : g.tags.values()) {
        if (tagMatches(g, t, filters)) {
          matching.add(new Object[] {g.name, t});
        }
      }
    }
    int from = p.offset("NextToken");
    int to = Math.min(matching.size(), from + maxRecords);
    x.start("Tags");
    for (int k = from; k < to; k++) {
      writeTag(x, (String) matching.get(k)[0], (Group.Tag) matching.get(k)[1]);
    }
    x.end();
    if (to < matching.size()) {
      x.leaf("NextToken", Params.token(to));
    }
  }

  private static boolean tagMatches(Group g, Group.Tag t, List<Params> filters) {
    for (Params f : filters) {
      String name = f.get("Name");
      List<String> values = f.list("Values");
      if (name == null) {
        continue;
      }
      boolean ok = switch (name) {
        case "auto-scaling-group" -> values.contains(g.name);
        case "key" -> values.contains(t.key());
        case "value" -> values.contains(t.value());
        case "propagate-at-launch" -> values.contains(String.valueOf(t.propagateAtLaunch()));
        default -> throw ApiException.validation("Filter name " + name + " is invalid.");
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ helpers

  private static String name(Params p, String key) {
    String v = p.required(key);
    if (v.length() > 255) {
      throw p.invalid(key, v, "Member must have length less than or equal to 255");
    }
    return v;
  }

  private static int nonNegative(Params p, String key, boolean required) {
    Integer v = p.integer(key);
    if (v == null) {
      if (required) {
        throw p.missing(key);
      }
      return 0;
    }
    if (v < 0) {
      throw p.invalid(key, String.valueOf(v), "Member must have value greater than or equal to 0");
    }
    return v;
  }
}
