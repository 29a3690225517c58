package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.port.GateListener.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness end to end on a small, fast fleet: outcomes only, never timings. */
class FleetRunTest {

  private static final int N = 100;

  @Test
  void oneGateContinuesEveryWaitingInstanceOnFarFewerThreadsThanInstances() {
    FleetSettings settings =
        new FleetSettings(N, 60, 7L, 4, Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofMinutes(2));

    FleetFigures f = FleetRun.run(settings, line -> {});

    assertThat(f.outcomes().get(Outcome.CONTINUED)).isEqualTo(N);
    assertThat(f.stillWaiting()).isZero();
    assertThat(f.apiCalls()).containsEntry("CompleteLifecycleAction", (long) N);
    // Three consecutive passes at least, and the bench profile fails a few rounds before the first.
    assertThat(f.probes()).isGreaterThanOrEqualTo(3L * N);
    assertThat(f.gateThreadsPeak()).isPositive().isLessThan(N / 2);
    assertThat(f.timerLateness().count()).isPositive();
    assertThat(f.decisionLateness().count()).isPositive();
  }
}
