package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep that cannot list a group still returns normally, and counts a gate error for that group. */
class GateHandlerSweepFailureTest {

  @Test
  void aFailingListingIsLoggedAndCountedAgainstTheGroup() {
    RecordingGateMetrics metrics = new RecordingGateMetrics();
    try (HandlerFixture f = new HandlerFixture(
        b -> b.faults(EmulatorFaults.NONE.withServerErrorRate(1.0)), Map.of("WARMGATE_GROUPS", "web"), metrics)) {

      HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(30));

      assertThat(inv.response().path("kind").asText()).isEqualTo("sweep");
      assertThat(inv.response().path("problems").size()).isPositive();
      assertThat(inv.lines("sweepProblem")).isNotEmpty();
      assertThat(metrics.errors).isNotEmpty().containsOnly("web");
    }
  }
}
