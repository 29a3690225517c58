package io.warmgate.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.port.GatePortException;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The console-output adapter against the emulator: the output as EC2 sends it, Latest refusals, a missing grant. */
class Ec2ConsoleOutputsTest {

  @Test
  void readsTheConsoleAsEc2SendsItAndNamesTheMissingPermissionWhenDenied() {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeInstances\",\"Resource\":\"*\"}]}";
    try (EmulatedAws aws = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).iamPolicy("AKIANOCONSOLE", policy, "test"))) {
      aws.launchTemplate("lin", "instant", 18086);
      aws.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("lin").minSize(1).maxSize(1).desiredCapacity(1)
          .launchTemplate(t -> t.launchTemplateName("lin")));
      await().until(() -> aws.inService("lin").size() == 1
          && aws.emulator.timeline(aws.inService("lin").get(0).instanceId()).stream().anyMatch(e -> e.to().equals("console-ready")));
      String id = aws.inService("lin").get(0).instanceId();

      ConsoleOutputs.ConsoleOutput out = new Ec2ConsoleOutputs(aws.ec2()).read(id, true);
      assertThat(new String(Base64.getDecoder().decode(out.output().orElseThrow()), StandardCharsets.UTF_8))
          .contains("Cloud-init v. 23.4.4 finished at");
      assertThat(out.timestamp()).isPresent();
      assertThat(new Ec2ConsoleOutputs(aws.ec2()).read("i-0123456789abcdef0", false).output()).isEmpty();

      try (Ec2Client denied = LoopbackClients.ec2(aws.emulator.endpoint(), "AKIANOCONSOLE")) {
        assertThatThrownBy(() -> new Ec2ConsoleOutputs(denied).read(id, true))
            .isInstanceOf(GatePortException.class).hasMessageContaining("lacks ec2:GetConsoleOutput");
      }
    }
  }
}
