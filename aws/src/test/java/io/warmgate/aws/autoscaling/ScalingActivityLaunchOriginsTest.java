package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.model.Location;
import io.warmgate.core.port.GatePortException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Against the emulator: a scale-out of two from a pool of one leaves two instances in {@code
 * Pending:Wait}, one warm-started, one new; only the group's scaling activities tell them apart.
 */
class ScalingActivityLaunchOriginsTest {

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static String warm;
  private static String cold;

  @BeforeAll
  static void scaleOutPastThePool() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    aws.groupWithWarmPool("web", "ready", 1, "{}");
    warm = aws.awaitWaitingInPool("web", 1).get(0);
    clients.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("ready")
        .instanceId(warm).lifecycleActionResult("CONTINUE"));
    await().atMost(EmulatedAws.WAIT).until(() -> aws.lifecycleState(warm).orElse("").equals("Warmed:Stopped"));
    clients.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(2));
    await().atMost(EmulatedAws.WAIT).until(() -> launchesWaiting().size() == 2);
    cold = launchesWaiting().stream().filter(id -> !id.equals(warm)).findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private static List<String> launchesWaiting() {
    return clients.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
        .autoScalingGroups().get(0).instances().stream()
        .filter(i -> "Pending:Wait".equals(i.lifecycleStateAsString())).map(Instance::instanceId).toList();
  }

  private static long activityCalls() {
    return aws.emulator.apiCallCounts().getOrDefault("DescribeScalingActivities", 0L);
  }

  @Test
  void tellsTheWarmStartFromTheNewInstanceThoughBothWaitInPendingWait() {
    ScalingActivityLaunchOrigins origins = new ScalingActivityLaunchOrigins(clients.autoScaling(), Clock.systemUTC());

    assertThat(origins.launchedFrom("web", warm)).contains(Location.WARM_POOL);
    assertThat(origins.launchedFrom("web", cold)).contains(Location.EC2);
  }

  @Test
  void oneReadServesEveryInstanceItCoveredUntilItsTimeToLiveEnds() {
    ScalingActivityLaunchOrigins origins = new ScalingActivityLaunchOrigins(clients.autoScaling(), Clock.systemUTC());
    long before = activityCalls();

    origins.launchedFrom("web", warm);
    origins.launchedFrom("web", cold);
    assertThat(activityCalls() - before).isEqualTo(1);

    ScalingActivityLaunchOrigins uncached =
        new ScalingActivityLaunchOrigins(clients.autoScaling(), Clock.systemUTC(), Duration.ZERO, 1);
    uncached.launchedFrom("web", warm);
    uncached.launchedFrom("web", warm);
    assertThat(activityCalls() - before).isEqualTo(3);
  }

  @Test
  void anInstanceNoActivityNamesHasNoKnownOrigin() {
    ScalingActivityLaunchOrigins origins = new ScalingActivityLaunchOrigins(clients.autoScaling(), Clock.systemUTC());

    assertThat(origins.launchedFrom("web", "i-0123456789abcdef0")).isEmpty();
    assertThat(origins.launchedFrom("no-such-group", warm)).isEqualTo(Optional.empty());
  }

  @Test
  void missesSoonAfterARereadCostNoFurtherRead() {
    // A scale-out past the pages read: every launch not found would otherwise re-read the group in turn.
    ScalingActivityLaunchOrigins origins = new ScalingActivityLaunchOrigins(clients.autoScaling(), Clock.systemUTC());
    long before = activityCalls();

    for (int i = 0; i < 20; i++) {
      assertThat(origins.launchedFrom("web", String.format("i-%017x", i))).isEmpty();
    }
    assertThat(origins.launchedFrom("web", warm)).contains(Location.WARM_POOL);

    assertThat(activityCalls() - before).isEqualTo(1);
  }

  @Test
  void aRefusedReadIsAPortFailureNamingTheCall() {
    // Nothing listens on the discard port of loopback: the call is refused at once.
    try (AwsClients unreachable = EmulatorClients.forEndpoint(URI.create("http://127.0.0.1:9")).build()) {
      ScalingActivityLaunchOrigins origins = new ScalingActivityLaunchOrigins(unreachable.autoScaling(), Clock.systemUTC());

      assertThatThrownBy(() -> origins.launchedFrom("web", warm)).isInstanceOf(GatePortException.class)
          .hasMessageContaining("DescribeScalingActivities for group web");
    }
  }

  @Test
  void rejectsABadTimeToLiveOrPageBound() {
    AutoScalingClient client = clients.autoScaling();
    assertThatThrownBy(() -> new ScalingActivityLaunchOrigins(client, Clock.systemUTC(), Duration.ofSeconds(-1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    assertThatThrownBy(() -> new ScalingActivityLaunchOrigins(client, Clock.systemUTC(), Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPages");
  }
}
