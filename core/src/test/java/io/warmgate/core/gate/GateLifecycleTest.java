package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.HOOK;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Whole flows through the gate per phase, and how runs end other than by completing. */
class GateLifecycleTest {

  private final GateFixture f = new GateFixture();
  private static final Instant FAR = T0.plus(Duration.ofHours(6));

  @Test
  void aWarmStartIsGatedWithTheLeavingWarmPoolPolicyAndItsShorterDeadline() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.WARM_POOL, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
    assertThat(end.outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void aColdStartContinuesWithoutSettleDelayAfterThreePasses() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(4))).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(end.probeCount()).isEqualTo(4 * 4 + 3);
    // the first pass at 4 min, then two confirming rounds 1 s apart
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(4)).plusSeconds(2));
  }

  @Test
  void theHookMetadataPolicyAppliesToItsActions() {
    f.hookMetadata("warmgate consecutive=1 phases.coldStart.atDeadline=CONTINUE phases.coldStart.deadline=5m");
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.actions.completion("i-1").orElseThrow().result()).isEqualTo(LifecycleResult.CONTINUE);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void invalidHookMetadataFailsTheRunNamingTheHookAndField() {
    f.hookMetadata("warmgate http.port=abc");
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(end.reason()).contains("NotificationMetadata of hook " + HOOK + ": warmgate.http.port: expected 1..65535, got 'abc'");
    assertThat(f.actions.completions()).isEmpty();
  }

  @Test
  void anUnknownHookOrInstanceStopsTheRun() {
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    LifecycleAction otherHook = new LifecycleAction(GROUP, "nope", Optional.empty(), "i-1",
        io.warmgate.core.model.LifecycleTransition.LAUNCHING, Optional.empty(), Optional.empty());

    ActionFinished noHook = f.scheduler.runUntilDone(gate.run(otherHook, FAR), Duration.ofHours(1));
    ActionFinished noInstance = f.scheduler.runUntilDone(gate.run(event("i-404", Location.EC2, Location.WARM_POOL), FAR), Duration.ofHours(1));

    assertThat(noHook.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(noHook.reason()).contains("hook nope not found");
    assertThat(noInstance.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(noInstance.reason()).contains("i-404 not found");
  }

  @Test
  void withoutOriginAndDestinationThePhaseComesFromTheLifecycleState() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    LifecycleAction bare = new LifecycleAction(GROUP, HOOK, Optional.of("t"), "i-1", io.warmgate.core.model.LifecycleTransition.LAUNCHING,
        Optional.empty(), Optional.empty());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(bare, FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.ENTERING_WARM_POOL);
    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
  }

  @Test
  void probesFailUntilTheInstanceHasAPrivateIpAndTheGateLooksItUpAgain() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", null, T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    CompletionStage<ActionFinished> run = gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    f.scheduler.advance(Duration.ofMinutes(1));
    f.instances.update("i-1", x -> new InstanceFacts(x.instanceId(), x.groupName(), x.lifecycleState(), x.state(),
        Optional.of("10.0.0.1"), x.launchTime(), x.platform()));
    ActionFinished end = f.scheduler.runUntilDone(run, Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.listener.decisions.get(0).probes()).singleElement().satisfies(p -> assertThat(p.detail()).isEqualTo("no private IP yet"));
  }

  @Test
  void looksTheInstanceUpAgainOnlyEveryFewMinutesNotEveryRound() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(20))).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    int rounds = end.probeCount();
    assertThat(rounds).isGreaterThan(80);
    // once at the start, then at most every 2 minutes while failing
    assertThat(f.instances.describeCalls()).isBetween(2, 1 + 20 / 2 + 1);
  }

  @Test
  void shutdownHandsOverWaitingRunsAtOnceAndAcceptsNoNewOnes() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());
    CompletionStage<ActionFinished> run = gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);
    f.scheduler.advance(Duration.ofMinutes(1));

    CompletionStage<Void> down = gate.shutdown();

    assertThat(down.toCompletableFuture()).isDone();
    assertThat(run.toCompletableFuture().join().outcome()).isEqualTo(Outcome.HANDED_OVER);
    assertThat(gate.run(event("i-2", Location.EC2, Location.WARM_POOL), FAR).toCompletableFuture().join().outcome())
        .isEqualTo(Outcome.HANDED_OVER);
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void aHookThatTimedOutEndsTheRunAtTheHeartbeat() {
    f.hookTimeout(Duration.ofMinutes(2));
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());
    CompletionStage<ActionFinished> run = gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);
    f.actions.makeAllInactive();

    ActionFinished end = f.scheduler.runUntilDone(run, Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
    assertThat(end.reason()).contains("heartbeat");
  }

  @Test
  void theUsualFixContinuesOnTheFirstPassAndNeverHeartbeats() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(25))).asFactory(), Map.of("WARMGATE_PRESET", "usual-fix"));

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.WARM_POOL), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(25)));
    assertThat(f.actions.heartbeats()).isEmpty();
  }

  @Test
  void aProbeThatNeverAnswersCountsAsFailedAfterTheProbeTimeout() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    io.warmgate.core.probe.Probe hanging = new io.warmgate.core.probe.Probe() {
      @Override
      public String name() {
        return "hanging";
      }

      @Override
      public java.util.concurrent.CompletionStage<io.warmgate.core.model.ProbeResult> check(io.warmgate.core.probe.ProbeTarget target) {
        return new java.util.concurrent.CompletableFuture<>();
      }
    };
    Gate gate = f.gate(spec -> hanging, Map.of("WARMGATE_PROBE_TIMEOUT", "100ms", "WARMGATE_DEADLINE", "1m"));

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(f.listener.decisions.get(0).probes()).singleElement()
        .satisfies(p -> assertThat(p.detail()).isEqualTo("timeout after 100ms (probeTimeout)"));
  }

  @Test
  void aFailingLookupIsRetriedWithBackoffWhileProbingGoesOn() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(20))).asFactory(), Map.of());
    CompletionStage<ActionFinished> run = gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);
    f.scheduler.advance(Duration.ofMinutes(4));
    f.instances.failNext(1000, GateFixture.throttled());
    int before = f.instances.describeCalls();

    f.scheduler.advance(Duration.ofMinutes(10));

    // 40 rounds in 10 minutes; lookups back off (1 s doubling up to 2 min, one try per round at most)
    int lookups = f.instances.describeCalls() - before;
    assertThat(lookups).isBetween(3, 12);
    assertThat(run.toCompletableFuture()).isNotDone();
  }

  @Test
  void aDuplicateArrivingWhileTheFirstRunRegistersStillExtendsItsBudget() throws Exception {
    // Regression: the gate kept the run's future and the run in two maps, filled one after the other; a
    // duplicate that came in between found the future but not the run, so its later budget was lost
    // and the run was handed over at the first caller's budget.
    int n = 300;
    for (int i = 0; i < n; i++) {
      f.instances.put(FakeInstances.waiting("i-" + i, GROUP, "Pending:Wait", "10.0.0.1", T0));
    }
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());
    Instant shortBudget = T0.plus(Duration.ofMinutes(1));
    java.util.List<java.util.concurrent.CompletableFuture<ActionFinished>> ends = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < n; i++) {
        LifecycleAction action = event("i-" + i, Location.EC2, Location.AUTO_SCALING_GROUP);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        var first = pool.submit(() -> {
          together.await();
          return gate.run(action, shortBudget).toCompletableFuture();
        });
        var second = pool.submit(() -> {
          together.await();
          return gate.run(action, FAR).toCompletableFuture();
        });
        ends.add(first.get(10, java.util.concurrent.TimeUnit.SECONDS));
        ends.add(second.get(10, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    f.scheduler.runUntilDone(java.util.concurrent.CompletableFuture.allOf(ends.toArray(new java.util.concurrent.CompletableFuture<?>[0])), Duration.ofHours(2));

    // Both callers share one run, which lives to the later budget and abandons at the 30 min deadline.
    assertThat(ends).allSatisfy(e -> assertThat(e.join().outcome()).isEqualTo(Outcome.ABANDONED));
  }

  @Test
  void aWarmStartLookedUpBeforeEc2ShowsTheNewBootWaitsForItInsteadOfAbandoning() {
    // Regression: the first lookup of a warm start could still show the instance stopped, with the
    // LaunchTime of its first boot days ago; the gate then abandoned it at its very first decision.
    InstanceFacts running = FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0);
    f.instances.put(new InstanceFacts("i-1", running.groupName(), running.lifecycleState(),
        io.warmgate.core.model.InstanceState.STOPPED, running.privateIp(), T0.minus(Duration.ofDays(3)), running.platform()));
    f.scheduler.scheduleAt(T0.plusSeconds(5), () -> f.instances.put(running));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(1))).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.WARM_POOL, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.actions.completion("i-1").orElseThrow().result()).isEqualTo(LifecycleResult.CONTINUE);
  }
}
