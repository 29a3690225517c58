package io.warmgate.aws.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.doctor.EventRoutes;
import io.warmgate.core.doctor.GroupInstance;
import io.warmgate.core.doctor.GroupSnapshot;
import io.warmgate.core.doctor.HookFacts;
import io.warmgate.core.doctor.ScalingActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;

/** Reads groups from the emulator through the real SDK clients into doctor's snapshots. */
class AutoScalingGroupSnapshotsTest {

  private static final Instant EMULATOR_EPOCH = Instant.parse("2030-01-01T00:00:00Z");
  private static final EventRoutes NO_RULES = new EventRoutes.Checked(List.of());
  private EmulatedAws aws;
  private AwsClients clients;
  private AutoScalingGroupSnapshots snapshots;

  @BeforeEach
  void start() {
    // 30x: the 600 s hook lasts 20 s of real time, longer than reading a group takes on a busy machine.
    // Its clock starts in 2030, so the snapshot's time shows whose clock it read.
    aws = EmulatedAws.start(b -> b.speed(30).startTime(EMULATOR_EPOCH));
    clients = EmulatorClients.of(aws);
    snapshots = new AutoScalingGroupSnapshots(clients.autoScaling(), clients.ec2(), "warmgate:managed",
        new JacksonMetadataParser());
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void readsCapacityPoolHooksInstancesActivitiesAndTheEndpointsTime() {
    aws.groupWithWarmPool("web", "ready", 2, "{\"warmgate\":{\"http\":{\"port\":8080}}}");
    List<String> waiting = aws.awaitWaitingInPool("web", 2);

    GroupSnapshot g = snapshots.read("web", NO_RULES, Instant.EPOCH).orElseThrow();

    assertThat(g.maxSize()).isEqualTo(4);
    assertThat(g.desiredCapacity()).isZero();
    assertThat(g.warmPool()).hasValueSatisfying(p -> {
      assertThat(p.poolState()).isEqualTo("Stopped");
      assertThat(p.minSize()).isEqualTo(2);
      assertThat(p.maxGroupPreparedCapacity()).contains(2);
    });
    assertThat(g.launchingHooks()).singleElement().satisfies(h -> {
      assertThat(h.hook().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(600));
      assertThat(h.gateHeartbeats()).as("a warmgate gate heartbeats by default").contains(true);
      assertThat(h.notificationTarget()).isEmpty();
    });
    List<GroupInstance> held = g.instances().stream().filter(GroupInstance::waitingOnLaunch).toList();
    assertThat(held).isNotEmpty().allSatisfy(i -> {
      assertThat(i.inWarmPool()).isTrue();
      assertThat(i.launchTime()).isPresent();
      assertThat(g.latestLaunchOf(i.instanceId())).hasValueSatisfying(a -> {
        assertThat(a.kind()).isEqualTo(ScalingActivity.Kind.LAUNCH_INTO_WARM_POOL);
        assertThat(a.end()).isEmpty();
        assertThat(a.statusCode()).isEqualTo("MidLifecycleAction");
      });
    });
    assertThat(g.activities()).filteredOn(a -> a.kind() == ScalingActivity.Kind.LAUNCH_INTO_WARM_POOL)
        .extracting(a -> a.instanceId().orElseThrow()).containsAll(waiting);
    // The endpoint's Date header, not this machine's clock, is the snapshot's time.
    assertThat(g.readAt()).isBetween(EMULATOR_EPOCH, aws.emulator.clock().now());
  }

  @Test
  void anUnknownGroupIsEmpty() {
    assertThat(snapshots.read("nope", NO_RULES, Instant.EPOCH)).isEmpty();
  }

  @Test
  void whetherAGateHeartbeatsComesFromTheHooksMetadataOrTheManagedTag() {
    aws.emptyGroup("web");
    hook("usual", "{\"warmgate\":{\"preset\":\"usual-fix\"}}", null);
    hook("bare", null, null);
    hook("queued", "not json", "arn:aws:sqs:us-east-1:123456789012:gate");

    List<HookFacts> unmanaged = snapshots.read("web", NO_RULES, Instant.EPOCH).orElseThrow().hooks();
    clients.autoScaling().createOrUpdateTags(r -> r.tags(software.amazon.awssdk.services.autoscaling.model.Tag
        .builder().resourceId("web").resourceType("auto-scaling-group").key("warmgate:managed").value("true")
        .propagateAtLaunch(false).build()));
    GroupSnapshot managed = snapshots.read("web", NO_RULES, Instant.EPOCH).orElseThrow();

    assertThat(unmanaged).extracting(h -> h.hook().hookName() + "=" + h.gateHeartbeats().map(String::valueOf)
        .orElse("unknown")).containsExactlyInAnyOrder("usual=false", "bare=unknown", "queued=unknown");
    assertThat(unmanaged).filteredOn(h -> h.hook().hookName().equals("queued")).singleElement()
        .satisfies(h -> assertThat(h.notificationTarget()).contains("arn:aws:sqs:us-east-1:123456789012:gate"));
    assertThat(managed.managedBy()).contains("tag warmgate:managed=true");
    assertThat(managed.hooks()).filteredOn(h -> h.hook().hookName().equals("bare")).singleElement()
        .satisfies(h -> assertThat(h.gateHeartbeats()).contains(true));
  }

  private void hook(String name, String metadata, String target) {
    clients.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName(name)
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").notificationMetadata(metadata)
        .notificationTargetARN(target).roleARN(target == null ? null : "arn:aws:iam::123456789012:role/hooks"));
  }
}
