package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.Payloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;

/** Emitted events have exactly the fields of the AWS sample (the shared sample payload eventbridge-launch.json). */
class EventShapeTest {
  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void aLaunchEventMatchesTheAwsSampleFieldForField() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode sample = json.readTree(Payloads.text(Payloads.EVENTBRIDGE_LAUNCH));
    try (EmulatedAws s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).region("us-west-2"))) {
      String lt = s.launchTemplate("shape", "instant", 18140);
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("my-asg").minSize(0).maxSize(1).desiredCapacity(0)
          .launchTemplate(t -> t.launchTemplateId(lt))
          .lifecycleHookSpecificationList(LifecycleHookSpecification.builder()
              .lifecycleHookName("my-launch-lifecycle-hook").lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING")
              .notificationMetadata("additional-info").build()));
      s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("my-asg").minSize(1));
      await().atMost(Duration.ofSeconds(20)).until(() -> s.events.size() == 1);
      JsonNode event = s.events.all().get(0);

      assertThat(names(event)).containsExactlyElementsOf(names(sample));
      assertThat(names(event.get("detail"))).containsExactlyElementsOf(names(sample.get("detail")));
      for (String same : List.of("version", "detail-type", "source", "account", "region")) {
        assertThat(event.get(same)).as(same).isEqualTo(sample.get(same));
      }
      for (String same : List.of("AutoScalingGroupName", "LifecycleHookName", "LifecycleTransition",
          "NotificationMetadata", "Origin", "Destination")) {
        assertThat(event.get("detail").get(same)).as(same).isEqualTo(sample.get("detail").get(same));
      }
      assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(event.get("id").asText()).matches("[0-9a-f-]{36}");
      assertThat(event.get("resources").get(0).asText())
          .matches("arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/my-asg");
      assertThat(event.get("detail").get("EC2InstanceId").asText()).matches("i-0[0-9a-f]{16}");
    }
  }
}
