package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the instance lifecycle policy against the API reference
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RetentionTriggers.html,
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/configure-instance-retention.html): with
 * {@code TerminateHookAbandon=retain}, an abandoned termination leaves the instance {@code Terminating:Retained},
 * out of the desired capacity, until TerminateInstanceInAutoScalingGroup; with {@code terminate}, or a CONTINUE, it
 * terminates.
 */
class ApiRetentionTriggersTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static EmulatedAws s;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(41L));
    s.launchTemplate("retention-lt", "instant");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /** A group of one in-service instance with a termination hook and the given retention; returns the instance. */
  private static String groupWithOne(String group, String terminateHookAbandon) {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(3)
        .desiredCapacity(1).launchTemplate(t -> t.launchTemplateName("retention-lt"))
        .instanceLifecyclePolicy(p -> p.retentionTriggers(t -> t.terminateHookAbandon(terminateHookAbandon))));
    s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName(group).lifecycleHookName("drain")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(7200));
    await().atMost(WAIT).until(() -> s.inService(group).stream()
        .anyMatch(i -> "InService".equals(i.lifecycleStateAsString())));
    return s.inService(group).get(0).instanceId();
  }

  private static void terminateAndAbandon(String group, String id) {
    s.autoScaling().terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(false));
    await().atMost(WAIT).until(() -> s.lifecycleState(id).orElse("").equals("Terminating:Wait"));
    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName(group).lifecycleHookName("drain")
        .instanceId(id).lifecycleActionResult("ABANDON"));
  }

  @Test
  void anAbandonedTerminationIsRetainedOutOfTheDesiredCountUntilTerminatedByHand() {
    String id = groupWithOne("retain", "retain");

    terminateAndAbandon("retain", id);

    await().atMost(WAIT).until(() -> s.lifecycleState(id).orElse("").equals("Terminating:Retained"));
    assertThat(s.ec2State(id)).isEqualTo("running");
    // It counts toward no capacity: a replacement goes into service beside it.
    await().atMost(WAIT).until(() -> s.inService("retain").stream()
        .anyMatch(i -> !i.instanceId().equals(id) && "InService".equals(i.lifecycleStateAsString())));
    assertThat(s.lifecycleState(id)).contains("Terminating:Retained");

    s.autoScaling().terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(false));

    await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated"));
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("retain"))
        .autoScalingGroups().get(0).desiredCapacity()).isEqualTo(1);
  }

  @Test
  void withTerminateAnAbandonedTerminationTerminates() {
    String id = groupWithOne("no-retain", "terminate");

    terminateAndAbandon("no-retain", id);

    await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated"));
  }
}
