package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code warmgate run}'s daemon against the emulator: lost events, duplicate events, shutdown mid-wait. */
class DaemonTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theSweepGatesEveryInstanceWhenAllEventsAreLost() throws Exception {
    try (DaemonScenario s = new DaemonScenario(60, EmulatorFaults.NONE.withEventDropRate(1.0), "linux");
        Daemon daemon = s.startDaemon()) {
      s.fillPool(3);

      await().atMost(WAIT).until(() -> s.poolStates().size() == 3
          && s.poolStates().stream().allMatch("Warmed:Stopped"::equals));

      assertThat(s.emulator.eventStats().get("dropped")).isGreaterThanOrEqualTo(3);
      assertThat(s.actionCount("CONTINUE")).isEqualTo(3);
      assertThat(s.actionCount("expired")).isZero();
      assertThat(s.log()).contains("\"event\":\"sweep\"").contains("\"outcome\":\"CONTINUED\"");
    }
  }

  @Test
  void aGroupTaggedManagedIsGatedWithoutBeingNamed() throws Exception {
    try (DaemonScenario s = new DaemonScenario(60, EmulatorFaults.NONE.withEventDropRate(1.0), "linux");
        Daemon daemon = s.startDaemon(new TaggedManagedGroups(s.clients.autoScaling(), List.of(), "warmgate:managed"))) {
      s.fillPool(2);

      await().atMost(WAIT).until(() -> s.poolStates().size() == 2
          && s.poolStates().stream().allMatch("Warmed:Stopped"::equals));

      assertThat(s.actionCount("CONTINUE")).isEqualTo(2);
    }
  }

  @Test
  void duplicateEventsCompleteEachActionOnce() throws Exception {
    try (DaemonScenario s = new DaemonScenario(60, EmulatorFaults.NONE.withEventDuplicateRate(1.0), "linux");
        Daemon daemon = s.startDaemon()) {
      s.fillPool(3);

      await().atMost(WAIT).until(() -> s.poolStates().size() == 3
          && s.poolStates().stream().allMatch("Warmed:Stopped"::equals));

      assertThat(s.emulator.eventStats().get("duplicated")).isGreaterThanOrEqualTo(3);
      assertThat(s.actionCount("started")).isEqualTo(3);
      assertThat(s.actionCount("CONTINUE")).isEqualTo(3);
      assertThat(s.log()).doesNotContain("\"event\":\"port-failed\"").doesNotContain("\"outcome\":\"FAILED\"");
    }
  }

  @Test
  void shutdownMidWaitHandsOverAndTheNextRunFinishesBeforeTheDeadline() throws Exception {
    try (DaemonScenario s = new DaemonScenario(120, EmulatorFaults.NONE, "windows")) {
      Daemon first = s.startDaemon();
      s.fillPool(3);
      // Mid-wait: the Windows first boot takes minutes, and the gate has heartbeated at least once.
      await().atMost(WAIT).until(() -> s.actionCount("heartbeat") >= 1);

      first.close();

      assertThat(s.log()).contains("\"outcome\":\"HANDED_OVER\"").contains("nothing half-sent");
      assertThat(s.actionCount("CONTINUE") + s.actionCount("ABANDON")).isLessThan(3);
      Daemon second = s.startDaemon();
      try {
        await().atMost(WAIT).until(() -> s.poolStates().size() == 3
            && s.poolStates().stream().allMatch("Warmed:Stopped"::equals));
      } finally {
        second.close();
      }
      assertThat(s.emulator.instances()).noneMatch(i -> i.corrupted());
      assertThat(s.actionCount("expired")).isZero();
      assertEveryActionEndedWithinTheDeadline(s.actions(), Duration.ofMinutes(30));
    }
  }

  @Test
  void shutdownWithoutRestartLeavesEachActionToItsHookTimeout() throws Exception {
    try (DaemonScenario s = new DaemonScenario(120, EmulatorFaults.NONE, "windows")) {
      Daemon daemon = s.startDaemon();
      s.fillPool(2);
      await().atMost(WAIT).until(() -> s.actionCount("started") == 2);
      await().atMost(WAIT).until(() -> s.actionCount("heartbeat") >= 1);

      daemon.close();
      Instant stoppedAt = s.emulator.clock().now();

      // Nobody gates any more: each wait ends by the hook's own timeout (300 s) and its default result.
      await().atMost(WAIT).until(() -> s.actionCount("expired") + s.actionCount("CONTINUE") >= 2);
      List<TimelineEntry> ends = s.actions().stream().filter(e -> e.to().startsWith("expired")).toList();
      assertThat(ends).allSatisfy(e ->
          assertThat(e.at()).isBeforeOrEqualTo(stoppedAt.plus(Duration.ofSeconds(300 + 30))));
    }
  }

  @Test
  void eventsForAGroupThatIsNotManagedAreLoggedAndIgnored() throws Exception {
    // Regression: the daemon gated every lifecycle event POSTed to it, whatever its group, although
    // only the managed groups are the gate's business.
    try (DaemonScenario s = new DaemonScenario(60, EmulatorFaults.NONE, "linux");
        Daemon daemon = s.startDaemon(() -> List.of("some-other-group"))) {
      s.fillPool(2);

      await().atMost(WAIT).until(() -> s.log().split("\"event\":\"not-managed\"", -1).length - 1 >= 2);

      assertThat(s.actionCount("CONTINUE")).isZero();
      assertThat(s.actionCount("heartbeat")).isZero();
      assertThat(s.log()).doesNotContain("\"event\":\"decision\"").contains("group web is not managed");
    }
  }

  private static void assertEveryActionEndedWithinTheDeadline(List<TimelineEntry> actions, Duration deadline) {
    Map<String, Instant> startedAt = new HashMap<>();
    for (TimelineEntry e : actions) {
      if (e.to().startsWith("started")) {
        startedAt.put(e.instanceId(), e.at());
      } else if (e.to().startsWith("CONTINUE") || e.to().startsWith("ABANDON") || e.to().startsWith("expired")) {
        assertThat(e.at()).as("end of %s's action", e.instanceId())
            .isBeforeOrEqualTo(startedAt.get(e.instanceId()).plus(deadline));
        startedAt.remove(e.instanceId());
      }
    }
    assertThat(startedAt).as("actions never ended").isEmpty();
  }
}
