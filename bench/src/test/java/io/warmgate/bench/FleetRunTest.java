package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness end to end on small, fast fleets: outcomes only, never timings. */
class FleetRunTest {

  private static FleetSettings settings(int n, Preset preset) {
    return new FleetSettings(n, preset, 60, 7L, 4, Optional.empty(), Duration.ofMinutes(30), Duration.ofMinutes(2), Map.of());
  }

  @Test
  void oneGateTakesEveryInstanceIntoThePoolAndOutOfItOnFarFewerThreadsThanInstances() {
    int n = 100;

    FleetFigures f = FleetRun.run(settings(n, Preset.WARMGATE), line -> {});

    assertThat(f.outcomes().get(Outcome.CONTINUED)).isEqualTo(2L * n);
    assertThat(f.allContinued()).isTrue();
    assertThat(f.phases()).extracting(PhaseFigures::phase).containsExactly(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL);
    for (PhaseFigures p : f.phases()) {
      assertThat(p.apiCalls()).containsEntry("CompleteLifecycleAction", (long) n).doesNotContainKey("SetDesiredCapacity");
      // every completion found the health endpoint's 200 before it in the emulator's timeline
      assertThat(p.detectionLatency().count()).isEqualTo(n);
    }
    // Three consecutive passes at least per phase
    assertThat(f.probes()).isGreaterThanOrEqualTo(2L * 3 * n);
    assertThat(f.gateThreadsPeak()).isPositive().isLessThan(n / 2);
    assertThat(f.decisionLateness().count()).isPositive();
  }

  @Test
  void theUsualFixContinuesOnTheFirstPassAndDescribesTheInstanceBeforeEveryProbeRound() {
    int n = 10;

    FleetFigures f = FleetRun.run(settings(n, Preset.USUAL_FIX), line -> {});

    assertThat(f.allContinued()).isTrue();
    for (PhaseFigures p : f.phases()) {
      // one full lookup per action (both APIs), no heartbeats
      assertThat(p.apiCalls()).containsEntry("DescribeAutoScalingInstances", (long) n).doesNotContainKey(PhaseFigures.HEARTBEAT);
    }
    // every round follows a DescribeInstances of its own (the first one the full lookup's), and every
    // CONTINUE one more (the run looks its instance up once more before it, ActionRun); on a loaded
    // machine the first round may come so late after the lookup that it asks once more
    long actions = 2L * n;
    assertThat(f.apiCalls().get("DescribeInstances")).isBetween(f.decisions() + actions, f.decisions() + 2 * actions);
    // CONTINUE on the first pass: the last round of every action is its only passing one
    assertThat(f.decisions()).isGreaterThanOrEqualTo(2L * n);
  }
}
