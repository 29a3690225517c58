package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.HOOK;
import static io.warmgate.core.gate.GateFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.FakeLifecycleHooks;
import io.warmgate.core.testing.RecordingLifecycleActions;
import io.warmgate.core.testing.ScriptedProbe;
import io.warmgate.core.testing.Trials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whole gate runs over random hooks, readiness times and event kinds, checked against what Auto Scaling
 * would do: the hook never lapses while the gate waits, no heartbeat after the deadline, no CONTINUE
 * before enough passes.
 */
class GatePropertiesTest {

  @Test
  void theHookNeverLapsesWhileTheGateWaitsAndTheVerdictFollowsThePolicy() {
    Trials.run(300, in -> check(in.intBetween(30, 7200), in.intBetween(0, 45 * 60), in.bool(), in.bool(), in.intBetween(0, 29)));
  }

  private static void check(int heartbeatSeconds, int readyAfterSeconds, boolean neverReady, boolean fromSweep, int seenAfterSeconds) {
    GateFixture f = new GateFixture();
    LifecycleHook hook = FakeLifecycleHooks.launching(GROUP, HOOK, Duration.ofSeconds(heartbeatSeconds), null);
    f.hooks.put(hook);
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Instant readyAt = neverReady ? T0.plus(Duration.ofDays(1000)) : T0.plusSeconds(readyAfterSeconds);
    // The action began at launch; the gate sees it a little later (before the hook could lapse).
    f.scheduler.advance(Duration.ofSeconds(seenAfterSeconds));
    LifecycleAction action = fromSweep
        ? LifecycleAction.discovered(GROUP, HOOK, "i-1", Optional.empty(), Optional.of(Location.AUTO_SCALING_GROUP))
        : GateFixture.event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP);
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, readyAt).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(action, T0.plus(Duration.ofHours(3))), Duration.ofHours(4));

    Instant deadline = T0.plus(Duration.ofMinutes(30));
    Instant expiry = T0.plus(hook.heartbeatTimeout());
    Instant globalEnd = T0.plus(hook.globalTimeout());
    for (RecordingLifecycleActions.Heartbeat h : f.actions.heartbeats()) {
      assertThat(h.at()).as("heartbeat before the hook lapsed").isBefore(expiry);
      assertThat(h.at()).as("no heartbeat at or after the deadline").isBefore(deadline);
      assertThat(h.at()).isBefore(globalEnd);
      Instant extended = h.at().plus(hook.heartbeatTimeout());
      expiry = extended.isBefore(globalEnd) ? extended : globalEnd;
    }
    RecordingLifecycleActions.Completion c = f.actions.completion("i-1").orElseThrow();
    assertThat(c.at()).as("completed while the hook was still waiting").isBefore(expiry);
    assertThat(c.at()).isBeforeOrEqualTo(deadline.plusSeconds(15));
    if (c.result() == LifecycleResult.CONTINUE) {
      assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
      // three passing rounds, all at or after the instance became ready: the first, then two confirming
      // rounds 1 s apart
      assertThat(c.at()).isAfterOrEqualTo(readyAt.plusSeconds(2));
      List<GateListener.DecisionMade> rounds = f.listener.decisions;
      int streak = 0;
      for (GateListener.DecisionMade d : rounds) {
        streak = d.probes().stream().allMatch(ProbeResult::passed) ? streak + 1 : 0;
      }
      assertThat(streak).as("passing rounds in a row before CONTINUE").isGreaterThanOrEqualTo(3);
      assertThat(rounds.get(rounds.size() - 3).at()).isAfterOrEqualTo(readyAt);
    } else {
      assertThat(end.outcome()).isEqualTo(Outcome.ABANDONED);
      assertThat(c.at()).isEqualTo(deadline);
      assertThat(readyAt.plusSeconds(2)).isAfter(deadline.minusSeconds(15));
    }
  }
}
