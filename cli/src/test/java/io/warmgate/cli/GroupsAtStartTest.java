package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.testing.EmulatedAws;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** run's start-up checks against the emulator: which named groups are missing, which have no hook to gate. */
class GroupsAtStartTest {

  private final EmulatedAws aws = EmulatedAws.start();

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void findsTheMissingGroupsAmongMoreNamesThanOneCallTakes() {
    aws.group("web").maxSize(1).create();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < GroupsAtStart.NAMES_PER_CALL + 10; i++) {
      names.add("absent-" + i);
    }
    names.add(GroupsAtStart.NAMES_PER_CALL + 5, "web");
    names.add("absent-0"); // a repeated name is reported once

    List<String> missing = GroupsAtStart.missing(aws.autoScaling(), names);

    assertThat(missing).hasSize(GroupsAtStart.NAMES_PER_CALL + 10).doesNotContain("web").startsWith("absent-0", "absent-1");
  }

  @Test
  void saysWhichGroupsHaveNoLaunchingHookInTheSweepsWords() {
    aws.group("bare").maxSize(1).create();
    aws.group("gated").maxSize(1).launchingHook("ready", "{\"warmgate\":{}}").create();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try (AwsClients clients = AwsClients.builder().endpoint(aws.emulator.endpoint()).region(Region.US_EAST_1)
        .environment(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")).build()) {
      var hooks = AwsGateFactory.of(clients, new ExecutorScheduler(Clock.systemUTC(), timers)).hooks();

      List<String> problems = GroupsAtStart.hookProblems(hooks, List.of("bare", "gated", "bare"));

      assertThat(problems).singleElement().asString().startsWith("group bare has no launching hook")
          .contains("warmgate doctor --group bare");
    } finally {
      timers.shutdownNow();
    }
  }
}
