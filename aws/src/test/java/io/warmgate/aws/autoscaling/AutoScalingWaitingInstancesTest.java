package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.port.WaitingInstances.WaitingInstance;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AutoScalingWaitingInstancesTest {

  private static EmulatedAws aws;
  private static AwsClients clients;

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void listsWarmPoolInstancesHeldByTheLaunchingHook() {
    aws.groupWithWarmPool("web", "ready", 3, "{}");
    List<String> ids = aws.awaitWaitingInPool("web", 3);

    List<WaitingInstance> waiting = new AutoScalingWaitingInstances(clients.autoScaling()).list("web");

    assertThat(waiting).extracting(WaitingInstance::instanceId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(waiting).allSatisfy(w -> {
      assertThat(w.groupName()).isEqualTo("web");
      assertThat(w.lifecycleState()).isEqualTo("Warmed:Pending:Wait");
    });
  }

  @Test
  void aGroupThatDoesNotExistHasNoWaitingInstances() {
    assertThat(new AutoScalingWaitingInstances(clients.autoScaling()).list("no-such-group")).isEmpty();
  }
}
