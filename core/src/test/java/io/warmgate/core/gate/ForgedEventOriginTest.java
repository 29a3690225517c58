package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event's {@code Origin} is anyone's to write: a forged "from the warm pool" on a cold start's
 * action gave it the warm start's policy (15 min deadline, not 30, so a slow first boot was ABANDONed
 * and replaced). Where Auto Scaling's own records say where the launch came from, they decide.
 */
class ForgedEventOriginTest {

  private static final Instant FAR = T0.plus(Duration.ofHours(6));

  private final GateFixture f = new GateFixture();
  private Gate gate;

  @BeforeEach
  void anInstanceLaunchingIntoTheGroupThatNeverGetsReady() {
    f.instances.put(FakeInstances.waiting("i-1", GateFixture.GROUP, "Pending:Wait", "10.0.0.1", T0));
    gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());
  }

  @Test
  void aColdStartClaimedAsAWarmStartKeepsTheColdStartPolicy() {
    f.origins.launched("i-1", Location.EC2);

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.WARM_POOL, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.COLD_START);
    assertThat(end.outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void aWarmStartClaimedAsAColdStartKeepsTheWarmStartPolicy() {
    f.origins.launched("i-1", Location.WARM_POOL);

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void whereAutoScalingsRecordsAreSilentTheEventsOriginStands() {
    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.WARM_POOL, Location.AUTO_SCALING_GROUP), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
    assertThat(f.origins.calls()).isEqualTo(1);
  }
}
