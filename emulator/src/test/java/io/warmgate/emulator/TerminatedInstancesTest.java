package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2 lists a terminated instance for an hour, then forgets it (InvalidInstanceID.NotFound). */
class TerminatedInstancesTest {
  @Test
  void terminatedInstancesVanishFromEc2AfterAnHour() throws Exception {
    try (EmulatedAws s = EmulatedAws.start(WarmPoolEmulator.builder().speed(10_000))) {
      String lt = s.launchTemplate("gone", "instant", 18130);
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("gone").minSize(0).maxSize(1).desiredCapacity(1)
          .launchTemplate(t -> t.launchTemplateId(lt)));
      await().atMost(Duration.ofSeconds(20)).until(() -> s.inService("gone").size() == 1);
      String id = s.inService("gone").get(0).instanceId();
      s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("gone").desiredCapacity(0));
      await().atMost(Duration.ofSeconds(20)).until(() -> s.ec2State(id).equals("terminated"));
      assertThat(s.lifecycleState(id).orElse(null)).isNull();

      s.emulator.clock().sleep(Duration.ofMinutes(61));
      assertThatThrownBy(() -> s.ec2().describeInstances(r -> r.instanceIds(id)))
          .isInstanceOfSatisfying(Ec2Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
      assertThat(s.ec2().describeInstances().reservations()).isEmpty();
      assertThat(s.emulator.instance(id)).isPresent();
    }
  }
}
