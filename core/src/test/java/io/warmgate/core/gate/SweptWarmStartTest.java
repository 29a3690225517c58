package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.HOOK;
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
 * The defect the end-to-end suite found: a warm start whose first run hands over is resumed by the
 * sweep, which sees only {@code Pending:Wait}. The gate must still gate it as leaving the pool (the
 * defaults' 15 min deadline, not the cold start's 30 min), learning where the launch came from from
 * Auto Scaling, never from an event.
 */
class SweptWarmStartTest {

  private static final Instant FAR = T0.plus(Duration.ofHours(6));
  private final GateFixture f = new GateFixture();
  private Gate gate;

  @BeforeEach
  void aWarmStartThatNeverGetsReady() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    gate = f.gate(ScriptedProbe.always(f.scheduler, false).asFactory(), Map.of());
  }

  @Test
  void aHandedOverWarmStartResumedByTheSweepKeepsTheLeavingThePoolPolicy() {
    f.origins.launched("i-1", Location.WARM_POOL);
    ActionFinished first = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.WARM_POOL, Location.AUTO_SCALING_GROUP), T0.plus(Duration.ofMinutes(2))), Duration.ofHours(1));
    assertThat(first.outcome()).isEqualTo(Outcome.HANDED_OVER);

    ActionFinished resumed = f.scheduler.runUntilDone(gate.run(swept(), FAR), Duration.ofHours(1));

    assertThat(resumed.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
    assertThat(resumed.outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void aSweptLaunchThatAutoScalingRecordsAsNewIsAColdStart() {
    f.origins.launched("i-1", Location.EC2);

    ActionFinished end = f.scheduler.runUntilDone(gate.run(swept(), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.COLD_START);
    assertThat(f.actions.completion("i-1").orElseThrow().at()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void whenAutoScalingDoesNotSayTheSweptLaunchGetsTheFirstBootsPolicy() {
    ActionFinished end = f.scheduler.runUntilDone(gate.run(swept(), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.COLD_START);
    assertThat(f.origins.calls()).isEqualTo(1);
  }

  @Test
  void aFailedOriginLookupIsReportedAndTheRunGoesOnAsAColdStart() {
    f.origins.failWith(GateFixture.throttled());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(swept(), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.COLD_START);
    assertThat(end.outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(f.listener.portFailures).singleElement().extracting(Throwable::getMessage).asString().contains("Throttling");
  }

  @Test
  void anInstanceEnteringThePoolNeedsNoOriginLookup() {
    f.instances.setLifecycleState("i-1", "Warmed:Pending:Wait");

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(HookChoice.discovered(GROUP, HOOK, "i-1", Phase.ENTERING_WARM_POOL), FAR), Duration.ofHours(1));

    assertThat(end.phase()).isEqualTo(Phase.ENTERING_WARM_POOL);
    assertThat(f.origins.calls()).isZero();
  }

  /** What the sweep makes of an instance it finds in {@code Pending:Wait}. */
  private static io.warmgate.core.model.LifecycleAction swept() {
    return HookChoice.discovered(GROUP, HOOK, "i-1", Phase.fromLifecycleState("Pending:Wait").orElseThrow());
  }
}
