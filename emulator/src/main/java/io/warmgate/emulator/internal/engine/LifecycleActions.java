package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.TimelineEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the active lifecycle actions: starts them (one token and one event per hook), moves their
 * deadlines on heartbeats, expires them with the hook's default result, and finds them for
 * CompleteLifecycleAction. When the last action holding an instance ends, the engine moves the
 * instance on. Called with the engine lock held; expiry timers take the lock themselves.
 */
final class LifecycleActions {
  private final Engine engine;
  private final EmulatorClock clock;
  private final Ids ids;
  private final LifecycleEvents eventFactory;
  private final EventBus events;
  private final Map<String, LifecycleAction> byToken = new HashMap<>();

  LifecycleActions(Engine engine, EmulatorClock clock, Ids ids, LifecycleEvents eventFactory, EventBus events) {
    this.engine = engine;
    this.clock = clock;
    this.ids = ids;
    this.eventFactory = eventFactory;
    this.events = events;
  }

  Collection<LifecycleAction> active() {
    return byToken.values();
  }

  void start(SimInstance i, Hook h, Place origin, Place destination) {
    Instant now = clock.now();
    LifecycleAction a = new LifecycleAction(ids.uuid(), i, h, origin, destination, now);
    byToken.put(a.token, a);
    i.actions.put(h.name, a);
    arm(a);
    engine.record(i, TimelineEntry.Kind.ACTION, null, "started " + h.name + " " + a.token, a.started);
    events.emit(eventFactory.started(a, now));
  }

  private void arm(LifecycleAction a) {
    a.timer = clock.scheduleNonBlockingAt(a.deadline, () -> engine.locked(() -> expire(a)));
  }

  private void expire(LifecycleAction a) {
    if (byToken.get(a.token) != a) {
      return;
    }
    if (clock.now().isBefore(a.deadline)) {
      // A heartbeat moved the deadline after this timer was armed.
      arm(a);
      return;
    }
    expireIfDue(a);
  }

  /** Finds the active action for a group and hook by token or instance id, or fails as AWS does. */
  LifecycleAction find(String groupName, String hookName, String token, String instanceId) {
    if (token != null) {
      LifecycleAction a = byToken.get(token);
      if (a == null || !a.hook.name.equals(hookName) || !a.hook.groupName.equals(groupName)
          || instanceId != null && !instanceId.equals(a.instance.id) || expireIfDue(a)) {
        throw ApiException.validation("No active Lifecycle Action found with token " + Check.echo(token));
      }
      return a;
    }
    if (instanceId == null) {
      throw ApiException.validation("Either LifecycleActionToken or InstanceId must be specified");
    }
    SimInstance i = engine.instance(instanceId);
    LifecycleAction a = i == null ? null : i.actions.get(hookName);
    if (a == null || !a.hook.groupName.equals(groupName) || expireIfDue(a)) {
      throw ApiException.validation("No active Lifecycle Action found with instance ID " + Check.echo(instanceId));
    }
    return a;
  }

  /**
   * Applies the default result now if the action's deadline has passed. The expiry timer may run
   * a little late (its thread waits for this lock, and at high clock speeds a real millisecond is
   * many simulated seconds): a heartbeat or completion in that gap must not revive an action that
   * AWS has already timed out.
   */
  private boolean expireIfDue(LifecycleAction a) {
    if (clock.now().isBefore(a.deadline)) {
      return false;
    }
    engine.record(a.instance, TimelineEntry.Kind.ACTION, null,
        "expired " + a.hook.name + " -> " + a.hook.defaultResult);
    finish(a, a.hook.defaultResult);
    return true;
  }

  /** Completes an action with CONTINUE or ABANDON. */
  void complete(LifecycleAction a, Hook.Result result) {
    engine.record(a.instance, TimelineEntry.Kind.ACTION, null, result + " " + a.hook.name);
    finish(a, result);
  }

  /** Extends an action's deadline to now + heartbeat timeout, capped by the global timeout. */
  void heartbeat(LifecycleAction a) {
    Instant now = clock.now();
    a.deadline = LifecycleAction.min(now.plus(a.hook.heartbeat()), a.globalDeadline);
    engine.record(a.instance, TimelineEntry.Kind.ACTION, null,
        "heartbeat " + a.hook.name + " until " + a.deadline, now);
  }

  private void finish(LifecycleAction a, Hook.Result result) {
    forget(a);
    SimInstance i = a.instance;
    if (i.group == null) {
      return;
    }
    if (result == Hook.Result.ABANDON) {
      cancel(i);
      if (a.transition == Hook.Transition.LAUNCHING && i.activity != null) {
        Instant now = clock.now();
        i.activity.cancel(now, "Instance failed to complete user's Lifecycle Action: Lifecycle Action with token "
            + a.token + " was abandoned: " + (now.isBefore(a.deadline) ? "Lifecycle Action Completed with ABANDON"
            + " Result" : "Heartbeat Timeout"));
      }
    }
    if (result == Hook.Result.ABANDON || i.actions.isEmpty()) {
      engine.actionsDone(i, a.transition, result);
    }
  }

  private void forget(LifecycleAction a) {
    byToken.remove(a.token);
    if (a.timer != null) {
      a.timer.cancel(false);
    }
    a.instance.actions.remove(a.hook.name);
  }

  /** Drops every action holding the instance, without a result (the instance moves on otherwise). */
  void cancel(SimInstance i) {
    for (LifecycleAction a : List.copyOf(i.actions.values())) {
      forget(a);
      engine.record(i, TimelineEntry.Kind.ACTION, null, "cancelled " + a.hook.name);
    }
  }

  /**
   * Completes the hook's outstanding actions as DeleteLifecycleHook does: ABANDON for launching
   * instances, CONTINUE for terminating ones.
   */
  void release(Hook h) {
    for (LifecycleAction a : List.copyOf(byToken.values())) {
      // Finishing one action reconciles the group, which may already have cancelled a later one.
      if (a.hook == h && byToken.get(a.token) == a) {
        finish(a, a.transition == Hook.Transition.LAUNCHING ? Hook.Result.ABANDON : Hook.Result.CONTINUE);
      }
    }
  }
}
