package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.forged;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.RecordingLifecycleActions.Heartbeat;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 21 §1, two heartbeat paths drifted apart): the round's heartbeat dropped a token
 * that Auto Scaling refused and went on by instance id, but the hand-over heartbeat still named the
 * action as it arrived. A run joined by a forged token, with a 2 min hook and a 110 s budget, had its
 * token refused at +60 s (the heartbeat by instance id was accepted), then sent the hand-over heartbeat
 * at +90 s with the forged token again, got NOT_ACTIVE and ended ALREADY_COMPLETED "(found at the
 * hand-over heartbeat)": the heartbeat the next runner needs was never sent.
 */
class HandOverHeartbeatWithRefusedTokenTest {

  private static final Duration HOOK_TIMEOUT = Duration.ofMinutes(2);
  /** A Lambda invocation's 120 s less its 10 s safety margin. */
  private static final Duration BUDGET = Duration.ofSeconds(110);

  private final GateFixture f = new GateFixture().hookTimeout(HOOK_TIMEOUT);


  @Test
  void aRunWhoseTokenWasRefusedHandsOverWithAHeartbeatByInstanceId() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.token("i-1", "token-i-1");
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(forged("i-1"), T0.plus(BUDGET)), Duration.ofHours(1));

    assertThat(end.outcome()).as("ended: %s", end.reason()).isEqualTo(Outcome.HANDED_OVER);
    assertThat(end.reason()).contains("heartbeat sent for the next runner");
    List<Heartbeat> beats = f.actions.heartbeats("i-1");
    // The forged token is refused once; every heartbeat after it goes by instance id and is accepted.
    assertThat(beats).filteredOn(h -> h.outcome() == LifecycleActions.Outcome.NOT_ACTIVE).singleElement()
        .satisfies(h -> assertThat(h.action().token()).isPresent());
    Heartbeat last = beats.get(beats.size() - 1);
    assertThat(last.outcome()).isEqualTo(LifecycleActions.Outcome.ACCEPTED);
    assertThat(last.action().token()).as("the hand-over heartbeat names the instance, not the refused token").isEmpty();
    assertThat(last.at()).as("the hand-over heartbeat is the run's last act").isAfter(T0.plus(Duration.ofSeconds(60)));
  }
}
