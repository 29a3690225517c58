package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.ResourceInUseException;
import software.amazon.awssdk.services.autoscaling.model.ScalingActivityInProgressException;

/** Lifecycle paths of the spec table that the story tests do not walk, through the real SDK. */
class LifecycleSemanticsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private EmulatedAws s;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
  }

  private static LifecycleHookSpecification hook(String name, String transition) {
    return LifecycleHookSpecification.builder().lifecycleHookName(name)
        .lifecycleTransition("autoscaling:EC2_INSTANCE_" + transition).heartbeatTimeout(7200).build();
  }

  private void group(String name, int max, int desired, LifecycleHookSpecification... hooks) {
    String lt = s.launchTemplate(name + "-lt", "instant", 18190);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(max).desiredCapacity(desired)
        .launchTemplate(t -> t.launchTemplateId(lt)).lifecycleHookSpecificationList(hooks));
  }

  private void completeAll(String group, String hook, String result) {
    for (ActionSnapshot a : s.emulator.activeActions()) {
      if (a.groupName().equals(group) && a.hookName().equals(hook)) {
        s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName(group).lifecycleHookName(hook)
            .lifecycleActionToken(a.token()).lifecycleActionResult(result));
      }
    }
  }

  @Test
  void scaleInWithReuseReturnsTheInstanceToThePoolThroughTheTerminatingHook() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(21L));
    group("reuse", 1, 1, hook("bye", "TERMINATING"));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("reuse").minSize(0).maxGroupPreparedCapacity(1)
        .instanceReusePolicy(p -> p.reuseOnScaleIn(true)));
    await().atMost(WAIT).until(() -> s.inService("reuse").size() == 1
        && s.inService("reuse").get(0).lifecycleState() == LifecycleState.IN_SERVICE);
    String id = s.inService("reuse").get(0).instanceId();

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("reuse").desiredCapacity(0));
    assertThat(s.lifecycleState(id).orElse(null)).isEqualTo("Warmed:Pending:Wait");
    ActionSnapshot action = s.emulator.activeActions().get(0);
    assertThat(action.transition()).isEqualTo("autoscaling:EC2_INSTANCE_TERMINATING");
    assertThat(action.origin()).isEqualTo("AutoScalingGroup");
    assertThat(action.destination()).isEqualTo("WarmPool");
    completeAll("reuse", "bye", "CONTINUE");
    await().atMost(WAIT).until(() -> "Warmed:Stopped".equals(s.lifecycleState(id).orElse(null)));
    assertThat(s.ec2State(id)).isEqualTo("stopped");
    // Pool target = max(0, MGPC 1 - desired 0) = 1: the reused instance fills it, nothing new launches.
    assertThat(s.pool("reuse")).extracting(Instance::instanceId).containsExactly(id);
    assertThat(s.emulator.instances()).hasSize(1);
  }

  @Test
  void abandonOnAWarmStartTerminatesTheInstanceAndReplacesIt() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(22L));
    group("warm", 2, 0, hook("ready", "LAUNCHING"));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("warm").minSize(1).maxGroupPreparedCapacity(1));
    await().atMost(WAIT).until(() -> s.emulator.activeActions().size() == 1);
    completeAll("warm", "ready", "CONTINUE");
    await().atMost(WAIT).until(() -> s.pool("warm").size() == 1
        && s.pool("warm").get(0).lifecycleState() == LifecycleState.WARMED_STOPPED);
    String warm = s.pool("warm").get(0).instanceId();
    String firstToken = s.events.of(warm).get(0).path("detail").path("LifecycleActionToken").asText();

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("warm").desiredCapacity(1));
    assertThat(s.lifecycleState(warm).orElse(null)).isEqualTo("Pending:Wait");
    // The first (pool) token is spent: the exact AWS error, and the instance keeps waiting.
    assertThatThrownBy(() -> s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("warm")
        .lifecycleHookName("ready").lifecycleActionToken(firstToken).lifecycleActionResult("CONTINUE")))
        .hasMessageContaining("No active Lifecycle Action found with token " + firstToken)
        .hasMessageContaining("Status Code: 400");
    assertThat(s.lifecycleState(warm).orElse(null)).isEqualTo("Pending:Wait");

    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("warm").lifecycleHookName("ready")
        .instanceId(warm).lifecycleActionResult("ABANDON"));
    await().atMost(WAIT).until(() -> s.ec2State(warm).equals("terminated"));
    assertThat(s.emulator.instance(warm).orElseThrow().abandoned()).isTrue();
    // A replacement is launched for the group (cold: the pool was empty) and waits in the hook.
    await().atMost(WAIT).until(() -> s.inService("warm").size() == 1
        && !s.inService("warm").get(0).instanceId().equals(warm));
    assertThat(s.inService("warm").get(0).lifecycleState()).isEqualTo(LifecycleState.PENDING_WAIT);
  }

  @Test
  void deletingAHookWithActionsInProgressAbandonsLaunchesAndContinuesTerminations() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(23L));
    group("del", 2, 2, hook("up", "LAUNCHING"), hook("down", "TERMINATING"));
    await().atMost(WAIT).until(() -> s.emulator.activeActions().size() == 2);
    List<String> first = s.inService("del").stream().map(Instance::instanceId).toList();

    s.autoScaling().deleteLifecycleHook(r -> r.autoScalingGroupName("del").lifecycleHookName("up"));
    // ABANDON for launching instances: both are terminated (through the terminating hook) and replaced.
    assertThat(first).allMatch(id -> s.lifecycleState(id).map(state -> state.startsWith("Terminat")).orElse(true));
    assertThat(s.emulator.activeActions()).allMatch(a -> a.hookName().equals("down"));
    s.autoScaling().deleteLifecycleHook(r -> r.autoScalingGroupName("del").lifecycleHookName("down"));
    assertThat(s.emulator.activeActions()).isEmpty();
    await().atMost(WAIT).until(() -> first.stream().allMatch(id -> s.ec2State(id).equals("terminated")));
    await().atMost(WAIT).until(() -> s.inService("del").size() == 2
        && s.inService("del").stream().allMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE));
    assertThat(s.inService("del")).extracting(Instance::instanceId).doesNotContainAnyElementsOf(first);
  }

  @Test
  void forceDeletingAGroupWithInstancesWaitingEndsTheirActionsAndTerminatesThem() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(24L));
    group("gone", 2, 1, hook("ready", "LAUNCHING"));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("gone").minSize(1).maxGroupPreparedCapacity(1));
    await().atMost(WAIT).until(() -> s.emulator.activeActions().size() == 2);
    List<ActionSnapshot> waiting = s.emulator.activeActions();

    assertThatThrownBy(() -> s.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName("gone")))
        .isInstanceOf(ResourceInUseException.class);
    s.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName("gone").forceDelete(true));
    assertThat(s.emulator.activeActions()).isEmpty();
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("gone")).autoScalingGroups()).isEmpty();
    for (ActionSnapshot a : waiting) {
      assertThatThrownBy(() -> s.autoScaling().recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("gone")
          .lifecycleHookName("ready").lifecycleActionToken(a.token())))
          .hasMessageContaining("No active Lifecycle Action found with token " + a.token());
      await().atMost(WAIT).until(() -> s.ec2State(a.instanceId()).equals("terminated"));
    }
    assertThat(s.autoScaling().describeAutoScalingInstances().autoScalingInstances()).isEmpty();
  }

  @Test
  void deletingAGroupWhoseInstancesAreStillTerminatingFailsWithScalingActivityInProgress() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(26L));
    group("busy", 1, 1, hook("bye", "TERMINATING"));
    await().atMost(WAIT).until(() -> s.inService("busy").size() == 1
        && s.inService("busy").get(0).lifecycleState() == LifecycleState.IN_SERVICE);
    String id = s.inService("busy").get(0).instanceId();
    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("busy").desiredCapacity(0));
    assertThat(s.lifecycleState(id).orElse(null)).isEqualTo("Terminating:Wait");

    assertThatThrownBy(() -> s.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName("busy")))
        .isInstanceOf(ScalingActivityInProgressException.class)
        .hasMessageContaining("scaling activities in progress");
    // The terminating hook's action survives the refused delete.
    assertThat(s.emulator.activeActions()).extracting(ActionSnapshot::instanceId).containsExactly(id);
    completeAll("busy", "bye", "CONTINUE");
    await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated")
        && s.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(id)).autoScalingInstances().isEmpty());
    s.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName("busy"));
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("busy")).autoScalingGroups()).isEmpty();
  }

  @Test
  void stoppingAnInServiceInstanceThroughEc2MakesAutoScalingReplaceIt() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(25L));
    group("stop", 1, 1);
    await().atMost(WAIT).until(() -> s.inService("stop").size() == 1
        && s.inService("stop").get(0).lifecycleState() == LifecycleState.IN_SERVICE);
    String id = s.inService("stop").get(0).instanceId();

    s.ec2().stopInstances(r -> r.instanceIds(id));
    // AWS: an instance in any state other than running fails the EC2 health check and is replaced.
    await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated"));
    await().atMost(WAIT).until(() -> s.inService("stop").size() == 1
        && !s.inService("stop").get(0).instanceId().equals(id));
    assertThat(s.emulator.instance(id).orElseThrow().unhealthy()).isTrue();
  }
}
