package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.HOOK;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceState;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class GateTest {

  private final GateFixture f = new GateFixture();
  private static final Instant FAR = T0.plus(Duration.ofHours(6));

  private ActionFinished runToEnd(Gate gate, LifecycleAction action, Instant budgetEnd) {
    return f.scheduler.runUntilDone(gate.run(action, budgetEnd), Duration.ofHours(12));
  }

  @Test
  void continuesAWarmPoolLaunchAfterThreePassesAndTheSettleDelay() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    ScriptedProbe probe = ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(12)));
    Gate gate = f.gate(probe.asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.WARM_POOL), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(end.phase()).isEqualTo(Phase.ENTERING_WARM_POOL);
    var completion = f.actions.completion("i-1").orElseThrow();
    assertThat(completion.result()).isEqualTo(LifecycleResult.CONTINUE);
    // first pass at 12:00, passes at 12:00, 12:15, 12:30; settle of 30 s since the first pass ends at 12:30
    assertThat(completion.at()).isEqualTo(T0.plus(Duration.ofMinutes(12)).plusSeconds(30));
    assertThat(end.timeToReady()).contains(Duration.ofMinutes(12).plusSeconds(30));
  }

  @Test
  void abandonsWhenDeadlinePassesBeforeHealthy() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.ABANDONED);
    var completion = f.actions.completion("i-1").orElseThrow();
    assertThat(completion.result()).isEqualTo(LifecycleResult.ABANDON);
    assertThat(completion.at()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void heartbeatsKeepATenMinuteHookAliveUntilTheDeadline() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());

    runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    var beats = f.actions.heartbeats("i-1");
    assertThat(beats).isNotEmpty();
    Instant expiry = T0.plus(Duration.ofMinutes(10));
    for (var b : beats) {
      assertThat(b.at()).isBefore(expiry);
      expiry = b.at().plus(Duration.ofMinutes(10));
    }
    assertThat(expiry).isAfter(T0.plus(Duration.ofMinutes(30)));
    assertThat(beats).allSatisfy(b -> assertThat(b.at()).isBefore(T0.plus(Duration.ofMinutes(30))));
  }

  @Test
  void shadowModeDecidesButNeverCompletesNorHeartbeats() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of("WARMGATE_SHADOW", "true"));

    ActionFinished end = runToEnd(gate, LifecycleAction.discovered(GROUP, HOOK, "i-1", Optional.empty(), Optional.empty()), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.SHADOWED);
    assertThat(end.reason()).contains("would complete CONTINUE");
    assertThat(f.actions.completions()).isEmpty();
    assertThat(f.actions.heartbeats()).isEmpty();
    assertThat(f.listener.decisions).last().extracting(d -> d.decision()).isInstanceOf(Decision.Continue.class);
  }

  @Test
  void anActionNoLongerActiveEndsAsAlreadyCompletedNotAsAFailure() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.makeAllInactive();
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of("WARMGATE_HEARTBEATS", "false"));

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
  }

  @Test
  void terminatingActionsAreStoppedWithAReasonWithoutAnyCall() {
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    LifecycleAction terminating =
        new LifecycleAction(GROUP, HOOK, Optional.of("t"), "i-9", LifecycleTransition.TERMINATING,
            Optional.of(Location.AUTO_SCALING_GROUP), Optional.of(Location.EC2));

    ActionFinished end = runToEnd(gate, terminating, FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(end.reason()).contains("terminating");
    assertThat(f.instances.describeCalls()).isZero();
  }

  @Test
  void stopsWhenTheInstanceIsNotInTheActionsGroup() {
    f.instances.put(FakeInstances.waiting("i-1", "other-asg", "Pending:Wait", "10.0.0.1", T0));
    ScriptedProbe probe = ScriptedProbe.always(f.scheduler, true);
    Gate gate = f.gate(probe.asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(end.reason()).contains("other-asg");
    assertThat(f.actions.completions()).isEmpty();
    assertThat(probe.checks()).as("an instance that is not ours is never probed").isZero();
  }

  @Test
  void stopsAStaleWarmPoolEventWhenTheInstanceHasMovedOnToItsNextWait() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    ScriptedProbe probe = ScriptedProbe.always(f.scheduler, true);
    Gate gate = f.gate(probe.asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.WARM_POOL), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(end.reason()).contains("stale action");
    assertThat(probe.checks()).isZero();
  }

  @Test
  void stopsWhenTheInstanceIsTerminatedWhileWaiting() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());
    CompletionStage<ActionFinished> run = gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    f.scheduler.advance(Duration.ofMinutes(1));
    f.instances.setState("i-1", InstanceState.SHUTTING_DOWN);
    ActionFinished end = f.scheduler.runUntilDone(run, Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(end.reason()).contains("shutting-down");
    assertThat(f.actions.completions()).isEmpty();
  }

  @Test
  void handsOverWhenTheBudgetEndsAndNeverStartsACompletionItCannotFinish() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), T0.plus(Duration.ofMinutes(14)));

    assertThat(end.outcome()).isEqualTo(Outcome.HANDED_OVER);
    assertThat(end.at()).isBefore(T0.plus(Duration.ofMinutes(14)));
    assertThat(f.actions.completions()).isEmpty();
  }

  @Test
  void aDuplicateRunWhileOneIsInFlightSharesItsOutcome() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    ScriptedProbe probe = ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(3)));
    Gate gate = f.gate(probe.asFactory(), Map.of());
    LifecycleAction action = event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP);

    CompletionStage<ActionFinished> first = gate.run(action, FAR);
    CompletionStage<ActionFinished> second = gate.run(action, FAR);
    ActionFinished a = f.scheduler.runUntilDone(first, Duration.ofHours(1));
    ActionFinished b = f.scheduler.runUntilDone(second, Duration.ofHours(1));

    assertThat(b).isEqualTo(a);
    assertThat(f.actions.completions()).hasSize(1);
    assertThat(f.listener.finished).hasSize(1);
  }

  @Test
  void retriesAThrottledCompletionWithBackoff() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.failNextCompletions(2, true);
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.listener.portFailures).hasSize(2);
  }

  @Test
  void retriesALookupThatIsThrottledThenGoesOn() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.instances.failNext(3, GateFixture.throttled());
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.listener.portFailures).hasSize(3);
  }

  @Test
  void failsAtOnceOnAPortFailureThatRetryingCannotFix() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.instances.failNext(1, new GatePortException("AccessDenied describing i-1", null, false));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of());

    ActionFinished end = runToEnd(gate, event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);

    assertThat(end.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(end.reason()).contains("AccessDenied");
  }

  @Test
  void aDuplicateWithALaterBudgetExtendsTheRunInFlight() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(20))).asFactory(), Map.of());
    LifecycleAction action = event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP);

    CompletionStage<ActionFinished> first = gate.run(action, T0.plus(Duration.ofMinutes(10)));
    f.scheduler.advance(Duration.ofMinutes(5));
    gate.run(action, FAR);
    ActionFinished end = f.scheduler.runUntilDone(first, Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
  }
}
