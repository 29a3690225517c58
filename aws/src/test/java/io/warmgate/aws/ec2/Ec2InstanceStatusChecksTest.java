package io.warmgate.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.port.InstanceStatusChecks.Status;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Ec2InstanceStatusChecksTest {

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static List<String> waiting;

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    aws.groupWithWarmPool("web", "ready", 1, "{}");
    waiting = aws.awaitWaitingInPool("web", 1);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void readsBothStatusChecksOfARunningInstance() {
    Ec2InstanceStatusChecks checks = new Ec2InstanceStatusChecks(clients.ec2());

    await().atMost(EmulatedAws.WAIT).until(() -> checks.status(waiting.get(0)).ok());
    Status status = checks.status(waiting.get(0));
    assertThat(status.system()).isEqualTo("ok");
    assertThat(status.instance()).isEqualTo("ok");
  }

  @Test
  void anUnknownInstanceReadsNotApplicable() {
    Status status = new Ec2InstanceStatusChecks(clients.ec2()).status("i-0123456789abcdef0");

    assertThat(status).isEqualTo(new Status("not-applicable", "not-applicable"));
    assertThat(status.ok()).isFalse();
  }
}
