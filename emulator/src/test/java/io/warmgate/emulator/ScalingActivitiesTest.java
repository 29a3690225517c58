package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityStatusCode;

/** DescribeScalingActivities follows each launch until the instance gets where it was going, as on AWS. */
class ScalingActivitiesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private EmulatedAws s;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
  }

  private void poolGroup(String defaultResult, int heartbeat) {
    String lt = s.launchTemplate("activities", "instant", 18091);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("g").minSize(0).maxSize(1).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("h")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(heartbeat)
            .defaultResult(defaultResult).build()));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("g").minSize(1));
  }

  private Activity launchOf(String instanceId) {
    List<Activity> all = s.autoScaling().describeScalingActivities(r -> r.autoScalingGroupName("g")).activities();
    return all.stream().filter(a -> a.description().equals("Launching a new EC2 instance into warm pool: " + instanceId))
        .findFirst().orElseThrow();
  }

  @Test
  void aLaunchHeldByAHookIsMidLifecycleActionWithoutEndTimeThenSuccessfulOnceWarmed() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60));
    poolGroup("ABANDON", 3600);
    await().atMost(WAIT).until(() -> s.pool("g").size() == 1
        && s.pool("g").get(0).lifecycleState() == LifecycleState.WARMED_PENDING_WAIT);
    String id = s.pool("g").get(0).instanceId();

    Activity waiting = launchOf(id);
    assertThat(waiting.statusCode()).isEqualTo(ScalingActivityStatusCode.MID_LIFECYCLE_ACTION);
    assertThat(waiting.endTime()).isNull();
    assertThat(waiting.progress()).isBetween(1, 99);
    assertThat(waiting.cause()).startsWith("At ").contains("warm pool capacity");

    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("g").lifecycleHookName("h").instanceId(id)
        .lifecycleActionResult("CONTINUE"));
    await().atMost(WAIT).until(() -> s.pool("g").get(0).lifecycleState() == LifecycleState.WARMED_STOPPED);

    Activity done = launchOf(id);
    assertThat(done.statusCode()).isEqualTo(ScalingActivityStatusCode.SUCCESSFUL);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.endTime()).isAfter(done.startTime());
  }

  @Test
  void anAbandonedLaunchIsCancelledWithAwsStatusMessage() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60));
    poolGroup("ABANDON", 3600);
    await().atMost(WAIT).until(() -> s.pool("g").size() == 1
        && s.pool("g").get(0).lifecycleState() == LifecycleState.WARMED_PENDING_WAIT);
    String id = s.pool("g").get(0).instanceId();

    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("g").lifecycleHookName("h").instanceId(id)
        .lifecycleActionResult("ABANDON"));

    Activity cancelled = launchOf(id);
    assertThat(cancelled.statusCode()).isEqualTo(ScalingActivityStatusCode.CANCELLED);
    assertThat(cancelled.statusMessage()).startsWith("Instance failed to complete user's Lifecycle Action")
        .endsWith("was abandoned: Lifecycle Action Completed with ABANDON Result");
    assertThat(cancelled.endTime()).isNotNull();
  }

  @Test
  void aLaunchThatTimedOutWithContinueLastedTheHeartbeatTimeout() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600));
    poolGroup("CONTINUE", 30);
    await().atMost(WAIT).until(() -> s.pool("g").size() == 1
        && s.pool("g").get(0).lifecycleState() == LifecycleState.WARMED_STOPPED);

    Activity done = launchOf(s.pool("g").get(0).instanceId());

    assertThat(done.statusCode()).isEqualTo(ScalingActivityStatusCode.SUCCESSFUL);
    assertThat(Duration.between(done.startTime(), done.endTime())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }
}
