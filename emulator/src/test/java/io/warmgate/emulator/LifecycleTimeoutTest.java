package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;

/**
 * Heartbeat timeouts, default results, heartbeats and the global timeout, on a virtual clock:
 * simulated time moves only when the test advances it, so every expiry lands on its exact second
 * however loaded the machine is.
 */
class LifecycleTimeoutTest {
  private EmulatedAws s;

  @BeforeEach
  void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().virtualTime());
  }

  @AfterEach
  void close() {
    s.close();
  }

  private void group(String defaultResult, int heartbeat, int desired, boolean pool) {
    String lt = s.launchTemplate("timeouts", "instant", 18090);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("g").minSize(0).maxSize(3).desiredCapacity(desired)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("h")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(heartbeat)
            .defaultResult(defaultResult).build()));
    if (pool) {
      s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("g").minSize(1).maxGroupPreparedCapacity(1));
    }
  }

  private void advance(long seconds) {
    s.emulator.clock().advance(Duration.ofSeconds(seconds));
  }

  private Instant at(String instanceId, String prefix) {
    return s.emulator.timeline(instanceId).stream().filter(e -> e.to().startsWith(prefix)).findFirst()
        .orElseThrow().at();
  }

  private void heartbeat(String id) {
    s.autoScaling().recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("g").lifecycleHookName("h").instanceId(id));
  }

  @Test
  void expiryAppliesContinueAsDefaultResult() {
    group("CONTINUE", 30, 0, true);
    String id = s.pool("g").get(0).instanceId();
    advance(29);
    assertThat(s.pool("g").get(0).lifecycleState()).isEqualTo(LifecycleState.WARMED_PENDING_WAIT);
    advance(1);
    advance(60);
    assertThat(s.pool("g").get(0).lifecycleState()).isEqualTo(LifecycleState.WARMED_STOPPED);
    // One heartbeat timeout to the second, not the 3000 s global one.
    assertThat(Duration.between(at(id, "started"), at(id, "expired"))).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.emulator.instance(id).orElseThrow().abandoned()).isFalse();
  }

  @Test
  void expiryWithAbandonTerminatesTheInstanceAndLaunchesAReplacement() {
    group("ABANDON", 30, 1, false);
    String first = s.emulator.instances().get(0).instanceId();
    advance(30);
    // Shutting down takes 1 s; the replacement's own 30 s hook has not expired yet.
    advance(2);
    assertThat(s.emulator.instance(first).orElseThrow().ec2State()).isEqualTo("terminated");
    assertThat(s.emulator.instance(first).orElseThrow().abandoned()).isTrue();
    assertThat(s.emulator.timeline(first)).extracting(TimelineEntry::to)
        .contains("expired h -> ABANDON", "Terminating:Proceed", "Terminated");
    assertThat(at(first, "expired")).isEqualTo(at(first, "started").plusSeconds(30));
    assertThat(s.emulator.instances()).hasSize(2);
    String replacement = s.emulator.instances().get(1).instanceId();
    assertThat(s.lifecycleState(replacement).orElse(null)).isEqualTo("Pending:Wait");
  }

  @Test
  void heartbeatsKeepTheActionAliveBeyondTheHeartbeatTimeout() {
    group("CONTINUE", 30, 1, false);
    String id = s.emulator.instances().get(0).instanceId();
    for (int k = 0; k < 6; k++) {
      advance(10);
      heartbeat(id);
    }
    // 60 s after the start, twice the heartbeat timeout, the action is still held.
    advance(29);
    assertThat(s.lifecycleState(id).orElse(null)).isEqualTo("Pending:Wait");
    advance(1);
    assertThat(s.lifecycleState(id).orElse(null)).isEqualTo("InService");
    Instant lastHeartbeat = s.emulator.timeline(id).stream().filter(e -> e.to().startsWith("heartbeat"))
        .reduce((a, b) -> b).orElseThrow().at();
    assertThat(Duration.between(lastHeartbeat, at(id, "expired"))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theGlobalTimeoutCapsHeartbeats() {
    // 120 s heartbeats cap at 100 x 120 = 12000 s; a heartbeat every 100 s would otherwise hold it forever.
    group("CONTINUE", 120, 1, false);
    assertThat(s.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName("g")).lifecycleHooks().get(0)
        .globalTimeout()).isEqualTo(12000);
    ActionSnapshot action = s.emulator.activeActions().get(0);
    assertThat(action.globalDeadline()).isEqualTo(action.started().plusSeconds(12000));
    String id = action.instanceId();
    for (int k = 1; k < 120; k++) {
      advance(100);
      heartbeat(id);
    }
    advance(100);
    assertThatThrownBy(() -> heartbeat(id)).isInstanceOf(AutoScalingException.class)
        .hasMessageContaining("No active Lifecycle Action found with instance ID " + id);
    assertThat(s.lifecycleState(id).orElse(null)).isEqualTo("InService");
    assertThat(at(id, "expired")).isEqualTo(action.globalDeadline());
    List<TimelineEntry> beats = s.emulator.timeline(id).stream().filter(e -> e.to().startsWith("heartbeat")).toList();
    assertThat(beats).hasSize(119);
    // The last heartbeats could not move the deadline past the cap.
    assertThat(beats.get(beats.size() - 1).to()).endsWith("until " + action.globalDeadline());
  }
}
