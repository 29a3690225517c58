package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;

/** Heartbeat timeouts, default results, heartbeats and the global timeout, on the accelerated clock. */
class LifecycleTimeoutTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private Scenario s;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
  }

  private void group(String defaultResult, int heartbeat, int desired, boolean pool) {
    String lt = s.launchTemplate("timeouts", "instant", 18090);
    s.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("g").minSize(0).maxSize(3).desiredCapacity(desired)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("h")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(heartbeat)
            .defaultResult(defaultResult).build()));
    if (pool) {
      s.asg.putWarmPool(r -> r.autoScalingGroupName("g").minSize(1).maxGroupPreparedCapacity(1));
    }
  }

  private Instant at(String instanceId, String prefix) {
    return s.emulator.timeline(instanceId).stream().filter(e -> e.to().startsWith(prefix)).findFirst()
        .orElseThrow().at();
  }

  @Test
  void expiryAppliesContinueAsDefaultResult() {
    s = new Scenario(WarmPoolEmulator.builder().speed(600));
    group("CONTINUE", 30, 0, true);
    await().atMost(WAIT).until(() -> s.pool("g").size() == 1
        && s.pool("g").get(0).lifecycleState() == LifecycleState.WARMED_STOPPED);
    String id = s.pool("g").get(0).instanceId();
    Duration held = Duration.between(at(id, "started"), at(id, "expired"));
    // One heartbeat timeout, not the 3000 s global one; the upper bound leaves room for a busy machine.
    assertThat(held).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(300));
    assertThat(s.emulator.instance(id).orElseThrow().abandoned()).isFalse();
  }

  @Test
  void expiryWithAbandonTerminatesTheInstanceAndLaunchesAReplacement() {
    s = new Scenario(WarmPoolEmulator.builder().speed(600));
    group("ABANDON", 30, 1, false);
    await().atMost(WAIT).until(() -> s.emulator.instances().size() >= 2);
    InstanceSnapshot first = s.emulator.instances().get(0);
    await().atMost(WAIT).until(() -> s.emulator.instance(first.instanceId()).orElseThrow().ec2State().equals("terminated"));
    assertThat(s.emulator.instance(first.instanceId()).orElseThrow().abandoned()).isTrue();
    assertThat(s.emulator.timeline(first.instanceId())).extracting(TimelineEntry::to)
        .contains("expired h -> ABANDON", "Terminating:Proceed", "Terminated");
    String replacement = s.emulator.instances().get(1).instanceId();
    assertThat(s.emulator.timeline(replacement).get(0).groupName()).isEqualTo("g");
  }

  @Test
  void heartbeatsKeepTheActionAliveBeyondTheHeartbeatTimeout() throws Exception {
    // At 30x the 30 s heartbeat timeout is 1 s of real time; heartbeats come every 333 ms.
    s = new Scenario(WarmPoolEmulator.builder().speed(30));
    group("CONTINUE", 30, 1, false);
    await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(() -> s.emulator.instances().size() == 1);
    String id = s.emulator.instances().get(0).instanceId();
    for (int k = 0; k < 6; k++) {
      s.emulator.clock().sleep(Duration.ofSeconds(10));
      s.asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("g").lifecycleHookName("h").instanceId(id));
    }
    // 60 s after the start, twice the heartbeat timeout, the action is still held.
    assertThat(s.lifecycle(id)).isEqualTo("Pending:Wait");
    await().atMost(WAIT).until(() -> "InService".equals(s.lifecycle(id)));
    Instant lastHeartbeat = s.emulator.timeline(id).stream().filter(e -> e.to().startsWith("heartbeat"))
        .reduce((a, b) -> b).orElseThrow().at();
    assertThat(Duration.between(lastHeartbeat, at(id, "expired"))).isBetween(Duration.ofSeconds(29),
        Duration.ofSeconds(120));
  }

  @Test
  void theGlobalTimeoutCapsHeartbeats() throws Exception {
    // 120 s heartbeats cap at 12000 s. At 500x a heartbeat is due every 240 ms of real time (24 s for
    // the whole cap), so only a long stall of this shared machine can let the action expire early. Such a run still has to
    // show a legitimate expiry (heartbeat timeout after the last heartbeat); then it is retried.
    for (int attempt = 1; attempt <= 3; attempt++) {
      if (s != null) {
        s.close();
      }
      s = new Scenario(WarmPoolEmulator.builder().speed(500));
      group("CONTINUE", 120, 1, false);
      assertThat(s.asg.describeLifecycleHooks(r -> r.autoScalingGroupName("g")).lifecycleHooks().get(0)
          .globalTimeout()).isEqualTo(12000);
      await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
          .until(() -> !s.emulator.activeActions().isEmpty());
      ActionSnapshot action = s.emulator.activeActions().get(0);
      assertThat(action.globalDeadline()).isEqualTo(action.started().plusSeconds(12000));
      String id = action.instanceId();
      long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
      while (System.nanoTime() < deadline && !s.emulator.activeActions().isEmpty()) {
        try {
          s.asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("g").lifecycleHookName("h").instanceId(id));
        } catch (software.amazon.awssdk.services.autoscaling.model.AutoScalingException gone) {
          break;
        }
      }
      await().atMost(WAIT).until(() -> "InService".equals(s.lifecycle(id)));
      Instant expired = at(id, "expired");
      Duration held = Duration.between(action.started(), expired);
      assertThat(held).isLessThanOrEqualTo(Duration.ofSeconds(12000 + 60));
      if (held.compareTo(Duration.ofSeconds(12000)) >= 0) {
        List<TimelineEntry> beats = s.emulator.timeline(id).stream().filter(e -> e.to().startsWith("heartbeat")).toList();
        assertThat(beats.size()).isGreaterThan(100);
        // The last heartbeats could not move the deadline past the cap.
        assertThat(beats.get(beats.size() - 1).to()).endsWith("until " + action.globalDeadline());
        return;
      }
      Instant lastBeat = s.emulator.timeline(id).stream().filter(e -> e.to().startsWith("heartbeat"))
          .map(TimelineEntry::at).reduce((a, b) -> b).orElse(action.started());
      assertThat(Duration.between(lastBeat, expired)).as("an early expiry must follow a missed heartbeat")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(120));
      System.out.println("global timeout test: attempt " + attempt + " stalled at " + held + ", retrying");
    }
    throw new AssertionError("the machine stalled in all 3 attempts; the global cap was never reached");
  }
}
