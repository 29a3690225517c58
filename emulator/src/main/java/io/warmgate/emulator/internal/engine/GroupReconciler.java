package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brings each group and its warm pool toward their target sizes, and moves instances along their
 * lifecycle paths: launch (cold or into the pool), warm start, scale-in (to the pool or out),
 * termination and health replacement. Each phase enters the group's matching hooks. Called with
 * the engine lock held.
 */
final class GroupReconciler {
  /** How long after its OS is up a broken instance fails its EC2 status check (inferred, typical). */
  private static final Duration STATUS_CHECK_FAILS_AFTER = Duration.ofMinutes(2);
  private static final String CAPACITY = "in response to a difference between desired and actual capacity";

  private final Engine engine;
  private final EmulatorClock clock;
  private final InstanceMachine ec2;
  private final LifecycleActions actions;
  private final Launcher launcher;

  GroupReconciler(Engine engine, EmulatorClock clock, InstanceMachine ec2, LifecycleActions actions,
      Launcher launcher) {
    this.engine = engine;
    this.clock = clock;
    this.ec2 = ec2;
    this.actions = actions;
    this.launcher = launcher;
  }

  private void move(SimInstance i, LifecycleState to) {
    LifecycleState from = i.lifecycle;
    if (to == from) {
      return;
    }
    if (from == null ? to != LifecycleState.PENDING && to != LifecycleState.WARMED_PENDING : !from.canMoveTo(to)) {
      throw new IllegalStateException(i.id + ": lifecycle " + from + " -> " + to
          + " is not a transition Auto Scaling makes");
    }
    i.lifecycle = to;
    if (i.activity != null && i.activity.onLifecycle(to, clock.now())) {
      i.activity = null;
    }
    engine.record(i, TimelineEntry.Kind.LIFECYCLE, from == null ? null : from.wire(), to.wire());
  }

  /** Brings the group and its warm pool toward their target sizes. */
  void reconcile(Group g) {
    if (!engine.isLive(g)) {
      return;
    }
    List<SimInstance> inGroup = new ArrayList<>();
    List<SimInstance> pool = new ArrayList<>();
    for (SimInstance i : g.instances) {
      if (!i.leaving()) {
        (i.warm ? pool : inGroup).add(i);
      }
    }
    int diff = g.desired - inGroup.size();
    for (; diff > 0; diff--) {
      SimInstance warm = pool.stream().filter(i -> i.lifecycle.warmed())
          .min(Comparator.comparingLong(i -> i.sequence)).orElse(null);
      if (warm != null) {
        pool.remove(warm);
        warmStart(warm);
      } else if (!launch(g, false)) {
        break;
      }
    }
    if (diff < 0) {
      List<SimInstance> victims = inGroup.stream()
          .filter(i -> !i.protectedFromScaleIn)
          .sorted(Comparator.comparing((SimInstance i) -> i.lifecycle == LifecycleState.IN_SERVICE ? 1 : 0)
              .thenComparingLong(i -> i.sequence))
          .toList();
      for (int k = 0; k < -diff && k < victims.size(); k++) {
        scaleIn(victims.get(k));
      }
      // Reused instances join the pool, so recount it below.
      pool.clear();
      for (SimInstance i : g.instances) {
        if (i.warm && !i.leaving()) {
          pool.add(i);
        }
      }
    }
    if (g.warmPool == null) {
      return;
    }
    if (g.warmPool.pendingDelete) {
      pool.forEach(this::leavePool);
      if (g.instances.stream().noneMatch(i -> i.warm)) {
        g.warmPool = null;
      }
      return;
    }
    int poolDiff = g.warmPoolTarget() - pool.size();
    for (int k = 0; k < poolDiff && launch(g, true); k++) {
      // launch() reports and stops at the emulator's instance limit.
    }
    if (poolDiff < 0) {
      // Trim the least prepared instances first, newest first among equals.
      List<SimInstance> victims = pool.stream()
          .sorted(Comparator.comparing((SimInstance i) -> i.lifecycle.warmPending() ? 0 : 1)
              .thenComparing(Comparator.comparingLong((SimInstance i) -> i.sequence).reversed()))
          .toList();
      for (int k = 0; k < -poolDiff; k++) {
        leavePool(victims.get(k));
      }
    }
  }

  private boolean launch(Group g, boolean warm) {
    SimInstance i = launcher.launch(g, warm);
    if (i == null) {
      return false;
    }
    ec2.boot(i);
    if (warm) {
      engine.activity(g, i, "Launching a new EC2 instance into warm pool: " + i.id,
          "an instance was launched in response to a difference between desired and actual warm pool capacity");
      enterPhase(i, LifecycleState.WARMED_PENDING, Hook.Transition.LAUNCHING, Place.EC2, Place.WARM_POOL);
    } else {
      engine.activity(g, i, "Launching a new EC2 instance: " + i.id, "an instance was started " + CAPACITY);
      enterPhase(i, LifecycleState.PENDING, Hook.Transition.LAUNCHING, Place.EC2, Place.AUTO_SCALING_GROUP);
    }
    return true;
  }

  private void warmStart(SimInstance i) {
    i.warm = false;
    engine.activity(i.group, i, "Launching a new EC2 instance from warm pool: " + i.id,
        "an instance was moved from the warm pool " + CAPACITY);
    if (i.ec2State == Ec2State.STOPPED) {
      ec2.boot(i);
    }
    enterPhase(i, LifecycleState.PENDING, Hook.Transition.LAUNCHING, Place.WARM_POOL, Place.AUTO_SCALING_GROUP);
  }

  void leavePool(SimInstance i) {
    actions.cancel(i);
    enterPhase(i, LifecycleState.WARMED_TERMINATING, Hook.Transition.TERMINATING, Place.WARM_POOL, Place.EC2);
  }

  private void scaleIn(SimInstance i) {
    actions.cancel(i);
    Group g = i.group;
    if (g.warmPool != null && g.warmPool.reuseOnScaleIn && !g.warmPool.pendingDelete) {
      i.warm = true;
      engine.activity(g, i, "Moving EC2 instance to warm pool: " + i.id, "an instance was taken out of service " + CAPACITY);
      enterPhase(i, LifecycleState.WARMED_PENDING, Hook.Transition.TERMINATING, Place.AUTO_SCALING_GROUP,
          Place.WARM_POOL);
    } else {
      engine.activity(g, i, "Terminating EC2 instance: " + i.id, "an instance was taken out of service " + CAPACITY);
      enterPhase(i, LifecycleState.TERMINATING, Hook.Transition.TERMINATING, Place.AUTO_SCALING_GROUP, Place.EC2);
    }
  }

  /** Takes one instance out of the group or pool on a user's request (TerminateInstanceInAutoScalingGroup). */
  void terminate(SimInstance i) {
    actions.cancel(i);
    if (i.warm) {
      enterPhase(i, LifecycleState.WARMED_TERMINATING, Hook.Transition.TERMINATING, Place.WARM_POOL, Place.EC2);
    } else {
      enterPhase(i, LifecycleState.TERMINATING, Hook.Transition.TERMINATING, Place.AUTO_SCALING_GROUP, Place.EC2);
    }
  }

  private void enterPhase(SimInstance i, LifecycleState state, Hook.Transition transition, Place origin,
      Place destination) {
    move(i, state);
    List<Hook> hooks = i.group.hooks.values().stream().filter(h -> h.transition == transition).toList();
    if (hooks.isEmpty()) {
      advance(i);
      return;
    }
    move(i, state.waiting());
    for (Hook h : hooks) {
      actions.start(i, h, origin, destination);
    }
  }

  /** Moves an instance on once no lifecycle action holds it any more. */
  void actionsDone(SimInstance i, Hook.Transition transition, Hook.Result result) {
    if (result == Hook.Result.ABANDON && transition == Hook.Transition.LAUNCHING) {
      i.abandoned = true;
      Group g = i.group;
      engine.activity(g, i, "Terminating EC2 instance: " + i.id,
          "a lifecycle action with result ABANDON was received for the instance");
      move(i, i.warm ? LifecycleState.WARMED_TERMINATING_PROCEED : LifecycleState.TERMINATING_PROCEED);
      advance(i);
      reconcile(g);
      return;
    }
    if (result == Hook.Result.ABANDON && transition == Hook.Transition.TERMINATING
        && "retain".equals(i.group.terminateHookAbandon)) {
      // RetentionTriggers.TerminateHookAbandon=retain: kept, running, out of the desired count, until
      // TerminateInstanceInAutoScalingGroup (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RetentionTriggers.html).
      move(i, i.lifecycle == LifecycleState.WARMED_TERMINATING_WAIT ? LifecycleState.WARMED_TERMINATING_RETAINED
          : LifecycleState.TERMINATING_RETAINED);
      reconcile(i.group);
      return;
    }
    move(i, i.lifecycle.proceeding());
    advance(i);
  }

  /** Terminates a retained instance (TerminateInstanceInAutoScalingGroup); its hooks already ran. */
  void terminateRetained(SimInstance i) {
    move(i, i.lifecycle == LifecycleState.WARMED_TERMINATING_RETAINED ? LifecycleState.WARMED_TERMINATING_PROCEED
        : LifecycleState.TERMINATING_PROCEED);
    advance(i);
  }

  /** Moves an instance on when nothing holds it: called after every EC2 or lifecycle change. */
  void advance(SimInstance i) {
    if (i.group == null || i.lifecycle == null) {
      return;
    }
    Ec2State ec2State = i.ec2State;
    switch (i.lifecycle) {
      case WARMED_PENDING -> {
        if (ec2State == Ec2State.RUNNING || ec2State == Ec2State.STOPPED) {
          move(i, LifecycleState.WARMED_PENDING_PROCEED);
          advance(i);
        }
      }
      case WARMED_PENDING_PROCEED -> {
        PoolState poolState = i.group.warmPool != null ? i.group.warmPool.poolState : PoolState.STOPPED;
        if (poolState == PoolState.RUNNING) {
          if (ec2State == Ec2State.RUNNING) {
            move(i, LifecycleState.WARMED_RUNNING);
          } else if (ec2State == Ec2State.STOPPED) {
            ec2.boot(i);
          }
        } else if (ec2State == Ec2State.RUNNING) {
          // AWS stops the instance as soon as it runs: no wait for user data or first-boot setup.
          ec2.stop(i, poolState == PoolState.HIBERNATED);
        } else if (ec2State == Ec2State.STOPPED) {
          move(i, LifecycleState.warmed(poolState));
          reconcile(i.group);
        }
      }
      case IN_SERVICE -> {
        if (ec2State == Ec2State.STOPPED && !i.unhealthy) {
          // Stopped behind Auto Scaling's back (EC2 StopInstances): any state but running fails
          // the EC2 health check, so the instance is replaced, as AWS documents.
          replaceUnhealthy(i, "an instance was taken out of service in response to an EC2 health check indicating "
              + "it has been terminated or stopped");
        }
      }
      case PENDING, PENDING_PROCEED -> {
        if (ec2State == Ec2State.RUNNING) {
          move(i, LifecycleState.IN_SERVICE);
          scheduleHealthCheck(i);
        } else if (ec2State == Ec2State.STOPPED) {
          ec2.boot(i);
        }
      }
      case TERMINATING, TERMINATING_PROCEED, WARMED_TERMINATING, WARMED_TERMINATING_PROCEED -> {
        if (ec2State == Ec2State.TERMINATED) {
          finishTermination(i);
        } else {
          ec2.terminate(i);
        }
      }
      default -> { }
    }
  }

  /** Takes note that EC2 terminated the instance, by Auto Scaling's hand or behind its back. */
  void terminated(SimInstance i) {
    if (i.group == null) {
      return;
    }
    if (!i.leaving()) {
      // Terminated behind Auto Scaling's back (EC2 TerminateInstances): it notices and replaces it.
      actions.cancel(i);
    }
    finishTermination(i);
  }

  private void finishTermination(SimInstance i) {
    Group g = i.group;
    move(i, i.warm ? LifecycleState.WARMED_TERMINATED : LifecycleState.TERMINATED);
    g.instances.remove(i);
    i.group = null;
    reconcile(g);
  }

  /**
   * Arms the EC2 status check of a corrupted in-service instance: it fails a while after the OS
   * is up, Auto Scaling then marks the instance Unhealthy and replaces it, as with an instance
   * broken by an interrupted first boot.
   */
  void scheduleHealthCheck(SimInstance i) {
    if (!i.corrupted || !i.osUp || i.group == null || i.warm || i.lifecycle != LifecycleState.IN_SERVICE) {
      return;
    }
    int gen = i.bootGen;
    Group g = i.group;
    Duration delay = STATUS_CHECK_FAILS_AFTER.plusSeconds(g.healthCheckGracePeriod);
    clock.scheduleNonBlocking(delay, () -> engine.locked(() -> {
      if (i.bootGen != gen || i.group != g || i.lifecycle != LifecycleState.IN_SERVICE || i.unhealthy) {
        return;
      }
      replaceUnhealthy(i, "an instance was taken out of service in response to an EC2 instance status checks failure");
    }));
  }

  /** Marks an in-service instance Unhealthy, terminates it (terminating hooks apply) and replaces it. */
  private void replaceUnhealthy(SimInstance i, String cause) {
    Group g = i.group;
    i.unhealthy = true;
    engine.record(i, TimelineEntry.Milestone.UNHEALTHY);
    engine.activity(g, i, "Terminating EC2 instance: " + i.id, cause);
    enterPhase(i, LifecycleState.TERMINATING, Hook.Transition.TERMINATING, Place.AUTO_SCALING_GROUP, Place.EC2);
    reconcile(g);
  }
}
