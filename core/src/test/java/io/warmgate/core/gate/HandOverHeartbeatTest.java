package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.RecordingLifecycleActions.Heartbeat;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The defect of a margin no longer than a sweep period: a Lambda run hands over with its last heartbeat
 * up to a heartbeat timeout minus the margin old, so the next sweep's run, a period later plus its own
 * start and lookups, came after a 2 min hook had expired. A run that hands over heartbeats first.
 */
class HandOverHeartbeatTest {

  private static final Duration HOOK_TIMEOUT = Duration.ofMinutes(2);
  /** A Lambda invocation's 120 s less its 10 s safety margin. */
  private static final Duration BUDGET = Duration.ofSeconds(110);
  /** The next sweep a period (60 s) after the hand-over, plus 40 s to start and look the instance up. */
  private static final Duration NEXT_RUNNER = Duration.ofSeconds(100);

  private final GateFixture f = new GateFixture().hookTimeout(HOOK_TIMEOUT);

  @Test
  void aRunThatHandsOverHeartbeatsSoTheNextSweepFindsTheHookAlive() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Instant ready = T0.plus(Duration.ofMinutes(7));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, ready).asFactory(), Map.of());

    ActionFinished end = null;
    for (int run = 0; run < 10; run++) {
      Instant start = f.scheduler.now();
      // The first run from the event, every later one from a sweep (no origin: the state tells).
      end = f.scheduler.runUntilDone(gate.run(run == 0 ? event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP)
          : HookChoice.discovered(GROUP, GateFixture.HOOK, "i-1", Phase.COLD_START), start.plus(BUDGET)), Duration.ofHours(1));
      if (end.outcome() != Outcome.HANDED_OVER) {
        break;
      }
      assertThat(end.reason()).contains("heartbeat sent for the next runner");
      f.scheduler.advance(NEXT_RUNNER);
    }

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    // Every heartbeat came before the hook, as last extended, timed out: it never expired.
    List<Heartbeat> beats = f.actions.heartbeats("i-1");
    assertThat(beats).hasSizeGreaterThanOrEqualTo(3);
    Instant expiry = T0.plus(HOOK_TIMEOUT);
    for (Heartbeat b : beats) {
      assertThat(b.at()).as("heartbeat after the hook expired at %s", expiry).isBefore(expiry);
      expiry = b.at().plus(HOOK_TIMEOUT);
    }
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isBefore(expiry);
  }

  @Test
  void noHandOverHeartbeatWithHeartbeatsOff() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of("WARMGATE_HEARTBEATS", "false"));

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), T0.plus(BUDGET)), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.HANDED_OVER);
    assertThat(f.actions.heartbeats()).isEmpty();
  }
}
