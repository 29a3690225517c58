package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.InstanceState;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AutoScalingInstancesTest {

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static List<String> waiting;
  private static AutoScalingInstances instances;

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    aws.groupWithWarmPool("web", "ready", 2, "{}");
    waiting = aws.awaitWaitingInPool("web", 2);
    instances = new AutoScalingInstances(clients.autoScaling(), clients.ec2());
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void describesAWaitingWarmPoolInstanceFromBothServices() {
    InstanceFacts facts = instances.describe(waiting.get(0)).orElseThrow();

    assertThat(facts.instanceId()).isEqualTo(waiting.get(0));
    assertThat(facts.groupName()).contains("web");
    assertThat(facts.lifecycleState()).contains("Warmed:Pending:Wait");
    assertThat(facts.isWaiting()).isTrue();
    assertThat(facts.state()).isIn(InstanceState.PENDING, InstanceState.RUNNING);
    assertThat(facts.privateIp()).hasValueSatisfying(ip -> assertThat(ip).startsWith("127."));
    assertThat(facts.launchTime()).isBeforeOrEqualTo(aws.emulator.clock().now());
    assertThat(facts.platform()).isEmpty();
  }

  @Test
  void anInstanceEc2DoesNotKnowIsEmpty() {
    assertThat(instances.describe("i-0123456789abcdef0")).isEmpty();
    assertThat(instances.describe("not-an-instance-id")).isEmpty();
  }

  @Test
  void aTerminatedInstanceIsReportedAsTerminated() {
    String id = waiting.get(1);
    clients.ec2().terminateInstances(r -> r.instanceIds(id));

    await().atMost(EmulatedAws.WAIT).until(() -> instances.describe(id)
        .map(f -> f.state() == InstanceState.TERMINATED).orElse(true));
    instances.describe(id).ifPresent(f -> assertThat(f.state().isGone()).isTrue());
  }
}
