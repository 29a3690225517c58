package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.doctor.AutoScalingGroupSnapshots;
import io.warmgate.aws.doctor.EventBridgeRoutes;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.doctor.Doctor;
import io.warmgate.core.doctor.GroupReport;
import io.warmgate.core.doctor.GroupSnapshot;
import io.warmgate.emulator.WarmPoolEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code warmgate doctor} on a group gated from the portable template, set up in the emulator as the template
 * deploys it (the hook and the launch rule taken from the template with its parameters resolved): it knows the
 * gate by the hook's {@code warmgate} metadata, as it knows the CDK one, and, for a gate serving an existing hook
 * without such metadata, by the group's managed tag.
 */
class PortableTemplateDoctorTest {

  private static final String GROUP = "web-doctor";

  private WarmPoolEmulator emulator;
  private AwsClients clients;
  private EventBridgeClient events;

  @BeforeEach
  void anExistingGroupWithAStoppedWarmPool() {
    emulator = WarmPoolEmulator.builder().speed(30).seed(7).start();
    clients = AwsClients.builder().endpoint(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    events = clients.build(EventBridgeClient.builder(), "AWS_ENDPOINT_URL_EVENTBRIDGE");
    String lt = clients.ec2().createLaunchTemplate(r -> r.launchTemplateName("web-lt")
        .launchTemplateData(d -> d.imageId("ami-12345678").instanceType("m5.large"))).launchTemplate().launchTemplateId();
    clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(GROUP).minSize(1).maxSize(4)
        .desiredCapacity(1).launchTemplate(t -> t.launchTemplateId(lt).version("$Latest")));
  }

  @AfterEach
  void stop() {
    events.close();
    clients.close();
    emulator.close();
  }

  private JsonNode deploy(String createHook) {
    Map<String, String> parameters = new HashMap<>(Map.of("CodeS3Bucket", "my-artifacts", "GroupName", GROUP,
        "CreateHook", createHook, "VpcId", "vpc-0a1b2c3d", "SubnetIds", "subnet-0a1b2c3d", "HealthPort", "8080"));
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), parameters);
    deployed.path("Resources").forEach(r -> {
      JsonNode p = r.path("Properties");
      if (r.path("Type").asText().equals("AWS::AutoScaling::LifecycleHook")) {
        clients.autoScaling().putLifecycleHook(h -> h.autoScalingGroupName(p.path("AutoScalingGroupName").asText())
            .lifecycleHookName(p.path("LifecycleHookName").asText())
            .lifecycleTransition(p.path("LifecycleTransition").asText())
            .heartbeatTimeout(p.path("HeartbeatTimeout").asInt())
            .defaultResult(p.path("DefaultResult").asText())
            .notificationMetadata(p.path("NotificationMetadata").asText()));
      }
      if (r.path("Type").asText().equals("AWS::Events::Rule") && p.has("EventPattern")) {
        events.putRule(e -> e.name("warmgate-launch-rule").eventPattern(p.path("EventPattern").toString()));
      }
    });
    return deployed;
  }

  private GroupSnapshot snapshot() {
    clients.autoScaling().putWarmPool(r -> r.autoScalingGroupName(GROUP).poolState(WarmPoolState.STOPPED));
    await().atMost(Duration.ofSeconds(30)).until(() -> clients.autoScaling()
        .describeWarmPool(r -> r.autoScalingGroupName(GROUP)).instances().size() == 3);
    return new AutoScalingGroupSnapshots(clients.autoScaling(), clients.ec2(), TaggedManagedGroups.DEFAULT_TAG,
        new JacksonMetadataParser()).read(GROUP, new EventBridgeRoutes(events).read(), Instant.now()).orElseThrow();
  }

  @Test
  void aHookCreatedByTheTemplateIsKnownByItsMetadataAndTheGroupIsClean() {
    deploy("true");
    GroupSnapshot snapshot = snapshot();
    GroupReport report = Doctor.standard().examine(snapshot);

    assertThat(snapshot.launchingHooks()).singleElement().satisfies(h -> {
      assertThat(h.hook().notificationMetadata()).hasValueSatisfying(m -> assertThat(m).contains("\"warmgate\""));
      assertThat(h.gateHeartbeats()).contains(true);
    });
    assertThat(report.findings()).as("findings for the portable template's defaults").isEmpty();
  }

  @Test
  void anExistingHookWithoutWarmgateMetadataIsKnownOnlyByTheManagedTag() {
    JsonNode deployed = deploy("false");
    assertThat(deployed.toString()).doesNotContain("AWS::AutoScaling::LifecycleHook");
    clients.autoScaling().putLifecycleHook(h -> h.autoScalingGroupName(GROUP).lifecycleHookName("warmgate-launch")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300).defaultResult("ABANDON"));
    assertThat(snapshot().launchingHooks()).singleElement()
        .satisfies(h -> assertThat(h.gateHeartbeats()).as("no metadata, no tag: nothing says a gate serves it").isEmpty());

    clients.autoScaling().createOrUpdateTags(r -> r.tags(t -> t.resourceId(GROUP).resourceType("auto-scaling-group")
        .key(TaggedManagedGroups.DEFAULT_TAG).value("true").propagateAtLaunch(false)));

    assertThat(snapshot().launchingHooks()).singleElement()
        .satisfies(h -> assertThat(h.gateHeartbeats()).contains(true));
  }
}
