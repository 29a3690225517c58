package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.Hook;
import io.warmgate.emulator.internal.engine.HookSpec;
import io.warmgate.emulator.internal.engine.PoolState;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.engine.WarmPoolSpec;
import java.util.List;

/** Parses and renders the warm pool, lifecycle hook and lifecycle action operations of Auto Scaling. */
final class AutoScalingHooksApi {
  private final Engine engine;

  AutoScalingHooksApi(Engine engine) {
    this.engine = engine;
  }

  // ------------------------------------------------------------------ warm pools

  void putWarmPool(Params p) {
    String state = p.get("PoolState");
    PoolState poolState = state == null ? PoolState.STOPPED : PoolState.fromWire(state);
    if (poolState == null) {
      throw p.invalid("PoolState", state, "Member must satisfy enum value set: [Hibernated, Running, Stopped]");
    }
    Integer minSize = p.integer("MinSize");
    engine.autoScaling().putWarmPool(p.required("AutoScalingGroupName"), new WarmPoolSpec(
        minSize == null ? 0 : minSize, p.integer("MaxGroupPreparedCapacity"), poolState,
        p.has("InstanceReusePolicy.ReuseOnScaleIn") ? p.bool("InstanceReusePolicy.ReuseOnScaleIn", false) : null));
  }

  void describeWarmPool(Params p, Xml x) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    int maxRecords = p.integer("MaxRecords", 1, 50, 50);
    List<SimInstance> pool = g.instances().stream().filter(SimInstance::warm).toList();
    if (g.warmPool() != null) {
      AutoScalingXml.poolConfig(x, g.warmPool());
    }
    AutoScalingXml.page(x, p, "Instances", pool, maxRecords, i -> AutoScalingXml.instance(x, i, "Healthy"));
  }

  void deleteWarmPool(Params p) {
    engine.autoScaling().deleteWarmPool(p.required("AutoScalingGroupName"), p.bool("ForceDelete", false));
  }

  // ------------------------------------------------------------------ hooks and actions

  /** Parses a hook from PutLifecycleHook or a LifecycleHookSpecification. */
  static HookSpec hookSpec(Params p) {
    String transition = p.get("LifecycleTransition");
    Hook.Transition t = transition == null ? null : Hook.Transition.fromWire(transition);
    if (transition != null && t == null) {
      throw ApiException.validation("Invalid Lifecycle Transition: " + Check.echo(transition));
    }
    String result = p.get("DefaultResult");
    Hook.Result r = result == null ? null : Hook.Result.fromWire(result);
    if (result != null && r == null) {
      throw ApiException.validation("Invalid DefaultResult: " + Check.echo(result)
          + ". Valid values are CONTINUE and ABANDON.");
    }
    return new HookSpec(p.required("LifecycleHookName"), t, p.integer("HeartbeatTimeout"), r,
        p.get("NotificationMetadata"), p.get("NotificationTargetARN"), p.get("RoleARN"));
  }

  void putHook(Params p) {
    String group = p.required("AutoScalingGroupName");
    engine.autoScaling().putHook(group, hookSpec(p));
  }

  void describeHooks(Params p, Xml x) {
    Group g = engine.group(p.required("AutoScalingGroupName"));
    List<String> names = p.list("LifecycleHookNames");
    x.start("LifecycleHooks");
    for (Hook h : g.hooks()) {
      if (names.isEmpty() || names.contains(h.name)) {
        x.start("member")
            .leaf("LifecycleHookName", h.name)
            .leaf("AutoScalingGroupName", h.groupName)
            .leaf("LifecycleTransition", h.transition().wire())
            .leaf("NotificationTargetARN", h.notificationTargetArn())
            .leaf("RoleARN", h.roleArn())
            .leaf("NotificationMetadata", h.notificationMetadata())
            .leaf("HeartbeatTimeout", h.heartbeatTimeout())
            .leaf("GlobalTimeout", h.globalTimeout())
            .leaf("DefaultResult", h.defaultResult().name())
            .end();
      }
    }
    x.end();
  }

  void deleteHook(Params p) {
    engine.autoScaling().deleteHook(p.required("AutoScalingGroupName"), p.required("LifecycleHookName"));
  }

  void completeAction(Params p) {
    String group = p.required("AutoScalingGroupName");
    String hook = p.required("LifecycleHookName");
    String result = p.required("LifecycleActionResult");
    Hook.Result r = Hook.Result.fromWire(result);
    if (r == null) {
      throw ApiException.validation("Invalid LifecycleActionResult: " + Check.echo(result)
          + ". Valid values are CONTINUE and ABANDON.");
    }
    engine.autoScaling().completeAction(group, hook, p.get("LifecycleActionToken"), p.get("InstanceId"), r);
  }

  void heartbeat(Params p) {
    String group = p.required("AutoScalingGroupName");
    String hook = p.required("LifecycleHookName");
    engine.autoScaling().recordHeartbeat(group, hook, p.get("LifecycleActionToken"), p.get("InstanceId"));
  }
}
