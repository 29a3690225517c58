package io.warmgate.cdk.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.doctor.AutoScalingGroupSnapshots;
import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.aws.doctor.EventBridgeRoutes;
import io.warmgate.cdk.SynthesizedStack;
import io.warmgate.core.doctor.Doctor;
import io.warmgate.core.doctor.GroupReport;
import io.warmgate.core.doctor.GroupSnapshot;
import io.warmgate.emulator.WarmPoolEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * A group set up as the {@code attach} app deploys it, with the hook and the launch rule read from the synthesized
 * template and created in the emulator through the SDK, passes {@code warmgate doctor} without a finding.
 */
class AttachDefaultsDoctorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @SuppressWarnings("unchecked")
  void aGroupSetUpByTheAttachTemplatesDefaultsIsClean() throws Exception {
    Map<String, Object> template = SynthesizedStack.synth(() -> AttachApp.build(AttachAppTest.CONTEXT),
        AttachApp.STACK_ID).template().toJSON();
    Map<String, Object> hook = properties(template, "AWS::AutoScaling::LifecycleHook").get(0);
    Map<String, Object> launchRule = properties(template, "AWS::Events::Rule").stream()
        .filter(p -> p.containsKey("EventPattern")).findFirst().orElseThrow();
    String group = (String) AttachAppTest.CONTEXT.get("groupName");
    assertThat(hook.get("AutoScalingGroupName")).isEqualTo(group);

    try (WarmPoolEmulator emulator = WarmPoolEmulator.builder().speed(30).seed(5).healthPort(18084).start();
        AwsClients clients = AwsClients.builder().endpoint(emulator.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
        EventBridgeClient events = clients.build(EventBridgeClient.builder(), "AWS_ENDPOINT_URL_EVENTBRIDGE")) {
      String lt = clients.ec2().createLaunchTemplate(r -> r.launchTemplateName("web-lt")
          .launchTemplateData(d -> d.imageId("ami-12345678").instanceType("m5.large"))).launchTemplate()
          .launchTemplateId();
      clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(1).maxSize(4)
          .desiredCapacity(1).launchTemplate(t -> t.launchTemplateId(lt).version("$Latest")));
      clients.autoScaling().putWarmPool(r -> r.autoScalingGroupName(group).poolState(WarmPoolState.STOPPED));
      // The hook and the rule exactly as the template declares them.
      clients.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName(group)
          .lifecycleHookName((String) hook.get("LifecycleHookName"))
          .lifecycleTransition((String) hook.get("LifecycleTransition"))
          .heartbeatTimeout(((Number) hook.get("HeartbeatTimeout")).intValue())
          .defaultResult((String) hook.get("DefaultResult"))
          .notificationMetadata((String) hook.get("NotificationMetadata")));
      String pattern = JSON.writeValueAsString(launchRule.get("EventPattern"));
      events.putRule(r -> r.name("warmgate-launch-rule").eventPattern(pattern)
          .state((String) launchRule.getOrDefault("State", "ENABLED")));
      await().atMost(Duration.ofSeconds(30)).until(() -> clients.autoScaling()
          .describeWarmPool(r -> r.autoScalingGroupName(group)).instances().size() == 3);

      GroupSnapshot snapshot = new AutoScalingGroupSnapshots(clients.autoScaling(), clients.ec2(),
          TaggedManagedGroups.DEFAULT_TAG, new JacksonMetadataParser())
          .read(group, new EventBridgeRoutes(events).read(), Instant.now()).orElseThrow();
      GroupReport report = Doctor.standard().examine(snapshot);

      assertThat(snapshot.launchingHooks()).singleElement()
          .satisfies(h -> assertThat(h.gateHeartbeats()).contains(true));
      assertThat(report.findings()).as("findings for the attach defaults").isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> properties(Map<String, Object> template, String type) {
    Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
    return resources.values().stream().map(r -> (Map<String, Object>) r).filter(r -> type.equals(r.get("Type")))
        .map(r -> (Map<String, Object>) r.get("Properties")).toList();
  }
}
