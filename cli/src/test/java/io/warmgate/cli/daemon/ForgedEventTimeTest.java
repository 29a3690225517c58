package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression (issue 9, defect 3): a forged event {@code time} turns heartbeats off. The event's time was
 * taken as the start of the action: 2000-01-01 put the global timeout in the past, 2100-01-01 put the
 * hook's expiry in the future, and either way no heartbeat went out, the hook expired and the instance
 * was abandoned.
 */
class ForgedEventTimeTest {

  @ParameterizedTest
  @ValueSource(strings = {"2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z"})
  void aForgedEventTimeDoesNotTurnHeartbeatsOff(String forgedTime) throws Exception {
    // The hook's heartbeat timeout is 300 s; the instance never becomes healthy (nothing on port 9) and the
    // gate's own deadline is 20 min, so only heartbeats keep the hook alive past 300 s.
    // Speed 20: the 300 s hook lasts 15 real seconds, room for a loaded machine's first slow AWS calls (at
    // speed 60 the run's first lookup once came after the hook had already expired).
    try (DaemonScenario s = new DaemonScenario(20, EmulatorFaults.NONE.withEventDropRate(1.0), "linux", Optional.empty());
        Daemon daemon = s.startDaemon(List::of, () -> List.of(DaemonScenario.GROUP),
            Map.of("WARMGATE_HTTP_PORT", "9", "WARMGATE_INTERVAL", "20s", "WARMGATE_DEADLINE", "20m"))) {
      s.fillPool(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> s.poolStates().equals(List.of("Warmed:Pending:Wait")));
      String instanceId = s.poolInstanceIds().get(0);
      Instant posted = s.emulator.clock().now();

      String event = ForgedEventMetadataTest.forgedEvent(instanceId, "").replace("2026-01-01T00:00:00Z", forgedTime);
      assertThat(s.postEvent(event, Map.of())).isEqualTo(202);

      // Well past the hook's 300 s heartbeat timeout, with the run deciding all along (a loaded machine may
      // start it late; the wait is bounded either way).
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> s.emulator.clock().now().isAfter(posted.plusSeconds(420))
            && ForgedEventMetadataTest.decisionsFor(s.log(), instanceId) >= 3);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("the forged run did not decide 3 rounds; the daemon's log:\n" + s.log(), e);
      }
      assertThat(s.actionCount("heartbeat")).isGreaterThanOrEqualTo(1);
      assertThat(s.actionCount("expired")).isZero();
      assertThat(s.poolStates()).containsExactly("Warmed:Pending:Wait");
    }
  }
}
