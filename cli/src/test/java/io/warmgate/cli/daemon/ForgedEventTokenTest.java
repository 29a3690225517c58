package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 9, forged tokens): a forged event carrying a made-up LifecycleActionToken for a real
 * waiting instance started a run that ended ALREADY_COMPLETED at its first heartbeat, and the real event,
 * joining that run, shared its end: the instance waited unwatched until the next sweep (here: never).
 */
class ForgedEventTokenTest {

  @Test
  void aForgedTokenHasNoEffectOnTheRealAction() throws Exception {
    // Every real event reaches the daemon only when the test says (the emulator delivers none), the sweep
    // covers no group: what the forged and the real event do is all there is.
    try (DaemonScenario s = new DaemonScenario(20, EmulatorFaults.NONE.withEventDropRate(1.0), "linux", Optional.empty());
        Daemon daemon = s.startDaemon(List::of, () -> List.of(DaemonScenario.GROUP),
            Map.of("WARMGATE_HTTP_PORT", String.valueOf(DaemonScenario.HEALTH_PORT), "WARMGATE_HTTP_PATH", "/health",
                "WARMGATE_INTERVAL", "10s", "WARMGATE_SETTLE", "0s"))) {
      s.fillPool(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> s.poolStates().equals(List.of("Warmed:Pending:Wait")));
      String instanceId = s.poolInstanceIds().get(0);
      String realEvent = s.emulator.emittedEvents().stream().filter(e -> e.contains(instanceId)).findFirst().orElseThrow();
      String realToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(realEvent)
          .path("detail").path("LifecycleActionToken").asText();
      String forged = realEvent.replace(realToken, "00000000-1111-2222-3333-444444444444");
      assertThat(forged).isNotEqualTo(realEvent);

      assertThat(s.postEvent(forged, Map.of())).isEqualTo(202);
      assertThat(s.postEvent(realEvent, Map.of())).isEqualTo(202);

      // The instance (linux, healthy within a minute) is continued by the gate, not left to the hook's expiry.
      await().atMost(Duration.ofSeconds(60)).until(() -> s.actionCount("CONTINUE") > 0 || s.actionCount("expired") > 0);
      assertThat(s.actionCount("expired")).isZero();
      assertThat(s.actionCount("CONTINUE")).isEqualTo(1);
      assertThat(s.log()).doesNotContain("\"outcome\":\"ALREADY_COMPLETED\"");
    }
  }
}
