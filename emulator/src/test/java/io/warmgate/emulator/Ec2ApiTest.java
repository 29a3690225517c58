package io.warmgate.emulator;

import static io.warmgate.testing.EmulatedAws.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** Every EC2 operation through the real SDK v2 client, errors included. */
class Ec2ApiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static EmulatedAws s;
  private static List<String> ids;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(13L));
    String lt = s.launchTemplate("api-ec2", "windows", 18110);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("ec2").minSize(0).maxSize(7).desiredCapacity(7)
        .launchTemplate(t -> t.launchTemplateId(lt)));
    await().atMost(WAIT).until(() -> s.inService("ec2").size() == 7);
    ids = s.inService("ec2").stream().map(software.amazon.awssdk.services.autoscaling.model.Instance::instanceId).toList();
    await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> s.ec2State(id).equals("running")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void launchTemplatesAreCreatedAndDescribed() {
    LaunchTemplate created = s.ec2().createLaunchTemplate(r -> r.launchTemplateName("described")
        .launchTemplateData(d -> d.imageId("ami-0123456789abcdef0").instanceType("m5.large"))
        .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE)
            .tags(Tag.builder().key("warmgate:boot-profile").value("linux").build()))).launchTemplate();
    assertThat(created.launchTemplateId()).matches("lt-0[0-9a-f]{16}");
    assertThat(created.defaultVersionNumber()).isEqualTo(1L);
    assertThat(created.tags()).extracting(Tag::value).containsExactly("linux");
    List<LaunchTemplate> byName = s.ec2().describeLaunchTemplates(r -> r.launchTemplateNames("described")).launchTemplates();
    assertThat(byName).extracting(LaunchTemplate::launchTemplateId).containsExactly(created.launchTemplateId());
    assertThat(s.ec2().describeLaunchTemplates(r -> r.launchTemplateIds(created.launchTemplateId())).launchTemplates())
        .hasSize(1);

    AwsServiceException dup = awsError(() -> s.ec2().createLaunchTemplate(r -> r.launchTemplateName("described")
        .launchTemplateData(d -> d.imageId("ami-0123456789abcdef0"))));
    assertThat(dup.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException");
    AwsServiceException unknownProfile = awsError(() -> s.ec2().createLaunchTemplate(r -> r.launchTemplateName("bad-profile")
        .launchTemplateData(d -> d.imageId("ami-0123456789abcdef0"))
        .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE)
            .tags(Tag.builder().key("warmgate:boot-profile").value("solaris").build()))));
    assertThat(unknownProfile.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    AwsServiceException notFound = awsError(() -> s.ec2().describeLaunchTemplates(r -> r.launchTemplateNames("nope")));
    assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateName.NotFoundException");
    AwsServiceException missing = awsError(() -> s.ec2().createLaunchTemplate(r -> r.launchTemplateData(d -> d.imageId("ami-1"))));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
  }

  @Test
  void describeInstancesShowsAwsShapedInstances() {
    Reservation reservation = s.ec2().describeInstances(r -> r.instanceIds(ids.get(0))).reservations().get(0);
    assertThat(reservation.reservationId()).matches("r-0[0-9a-f]{16}");
    assertThat(reservation.ownerId()).isEqualTo("123456789012");
    Instance i = reservation.instances().get(0);
    assertThat(i.instanceId()).matches("i-0[0-9a-f]{16}");
    assertThat(i.state().code()).isEqualTo(16);
    assertThat(i.state().nameAsString()).isEqualTo("running");
    assertThat(i.privateIpAddress()).matches("127\\.\\d+\\.\\d+\\.\\d+").isNotEqualTo("127.0.0.1");
    assertThat(i.privateDnsName()).startsWith("ip-127-");
    assertThat(i.platformAsString()).isEqualTo("windows");
    assertThat(i.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1a");
    assertThat(i.launchTime()).isBefore(s.emulator.clock().now());
    assertThat(i.tags()).extracting(Tag::key).contains("aws:autoscaling:groupName");
  }

  @Test
  void describeInstancesFiltersAndPaginates() {
    List<Instance> tagged = s.ec2().describeInstances(r -> r.filters(
            Filter.builder().name("tag:aws:autoscaling:groupName").values("ec2").build(),
            Filter.builder().name("instance-state-name").values("running", "pending").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
    assertThat(tagged).extracting(Instance::instanceId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(s.ec2().describeInstances(r -> r.filters(Filter.builder().name("tag:aws:autoscaling:groupName")
        .values("e*").build())).reservations()).hasSize(7);
    assertThat(s.ec2().describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
        .values("stopped").build())).reservations()).isEmpty();
    List<String> paged = s.ec2().describeInstancesPaginator(r -> r.maxResults(5)).reservations().stream()
        .flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();
    assertThat(paged).hasSize(7).doesNotHaveDuplicates();

    AwsServiceException notFound = awsError(() -> s.ec2().describeInstances(r -> r.instanceIds("i-0123456789abcdef0")));
    assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
    assertThat(notFound.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-0123456789abcdef0' does not exist");
    AwsServiceException malformed = awsError(() -> s.ec2().describeInstances(r -> r.instanceIds("not-an-id")));
    assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.Malformed");
    AwsServiceException combo = awsError(() -> s.ec2().describeInstances(r -> r.instanceIds(ids.get(0)).maxResults(5)));
    assertThat(combo.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
    AwsServiceException badFilter = awsError(() -> s.ec2().describeInstances(r -> r.filters(
        Filter.builder().name("no-such-filter").values("x").build())));
    assertThat(badFilter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void stopStartAndTerminateChangeStatesAndResetLaunchTime() {
    // A warm-pool instance: Auto Scaling leaves its EC2 state to us. (An InService instance
    // stopped through EC2 fails its health check and is replaced: LifecycleSemanticsTest.)
    // Its own emulator, so the shared fleet the other tests count stays as it is.
    try (EmulatedAws s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(14L))) {
      String lt = s.launchTemplate("api-ec2-pool", "instant", 18111);
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("ec2-pool").minSize(0).maxSize(1).desiredCapacity(0)
          .launchTemplate(t -> t.launchTemplateId(lt)));
      s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("ec2-pool").minSize(1));
      await().atMost(WAIT).until(() -> s.pool("ec2-pool").size() == 1
          && "Warmed:Stopped".equals(s.pool("ec2-pool").get(0).lifecycleStateAsString()));
      String id = s.pool("ec2-pool").get(0).instanceId();
      Instant firstLaunch = s.ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).launchTime();

      InstanceStateChange start = s.ec2().startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
      assertThat(start.previousState().code()).isEqualTo(80);
      assertThat(start.currentState().nameAsString()).isEqualTo("pending");
      Instant secondLaunch = s.ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).launchTime();
      assertThat(secondLaunch).isAfter(firstLaunch);
      await().atMost(WAIT).until(() -> s.ec2State(id).equals("running"));

      InstanceStateChange stop = s.ec2().stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
      assertThat(stop.previousState().nameAsString()).isEqualTo("running");
      assertThat(stop.currentState().nameAsString()).isEqualTo("stopping");
      assertThat(stop.currentState().code()).isEqualTo(64);
      await().atMost(WAIT).until(() -> s.ec2State(id).equals("stopped"));
      AwsServiceException again = awsError(() -> s.ec2().stopInstances(r -> r.instanceIds(id, "i-0fffffffffffffff0")));
      assertThat(again.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");

      InstanceStateChange term = s.ec2().terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
      assertThat(term.currentState().nameAsString()).isEqualTo("shutting-down");
      await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated"));
      AwsServiceException startTerminated = awsError(() -> s.ec2().startInstances(r -> r.instanceIds(id)));
      assertThat(startTerminated.awsErrorDetails().errorCode()).isEqualTo("IncorrectInstanceState");
      AwsServiceException none = awsError(() -> s.ec2().terminateInstances(r -> r.dryRun(false)));
      assertThat(none.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
      // Auto Scaling notices and refills the pool.
      await().atMost(WAIT).until(() -> s.pool("ec2-pool").size() == 1
          && !s.pool("ec2-pool").get(0).instanceId().equals(id));
    }
  }

  @Test
  void instanceStatusReportsRunningInstances() {
    var statuses = s.ec2().describeInstanceStatus(r -> r.instanceIds(ids.get(3))).instanceStatuses();
    assertThat(statuses).singleElement().satisfies(st -> {
      assertThat(st.instanceId()).isEqualTo(ids.get(3));
      assertThat(st.instanceState().code()).isEqualTo(16);
      assertThat(st.systemStatus().statusAsString()).isIn("ok", "initializing");
      assertThat(st.availabilityZone()).isEqualTo("us-east-1a");
    });
    assertThat(s.ec2().describeInstanceStatus(r -> r.includeAllInstances(true)).instanceStatuses().size())
        .isGreaterThanOrEqualTo(7);
  }

  @Test
  void tagsCanBeCreatedDescribedAndDeleted() {
    String id = ids.get(4);
    s.ec2().createTags(r -> r.resources(id).tags(Tag.builder().key("role").value("web").build()));
    List<TagDescription> tags = s.ec2().describeTags(r -> r.filters(
        Filter.builder().name("resource-id").values(id).build(),
        Filter.builder().name("key").values("role").build())).tags();
    assertThat(tags).singleElement().satisfies(t -> {
      assertThat(t.resourceTypeAsString()).isEqualTo("instance");
      assertThat(t.value()).isEqualTo("web");
    });
    s.ec2().deleteTags(r -> r.resources(id).tags(Tag.builder().key("role").build()));
    assertThat(s.ec2().describeTags(r -> r.filters(Filter.builder().name("key").values("role").build())).tags()).isEmpty();
    AwsServiceException reserved = awsError(() -> s.ec2().createTags(r -> r.resources(id)
        .tags(Tag.builder().key("aws:mine").value("x").build())));
    assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    AwsServiceException unknown = awsError(() -> s.ec2().createTags(r -> r.resources("i-0123456789abcdef0")
        .tags(Tag.builder().key("k").value("v").build())));
    assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
  }
}
