package io.warmgate.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * Shows one active lifecycle action as it is now, for reports and tests.
 *
 * @param token the LifecycleActionToken
 * @param instanceId the instance held
 * @param groupName the Auto Scaling group
 * @param hookName the lifecycle hook
 * @param transition {@code autoscaling:EC2_INSTANCE_LAUNCHING} or {@code ..._TERMINATING}
 * @param origin {@code EC2}, {@code AutoScalingGroup} or {@code WarmPool}
 * @param destination {@code EC2}, {@code AutoScalingGroup} or {@code WarmPool}
 * @param started when the action started, simulated
 * @param deadline when it expires unless a heartbeat moves it, simulated
 * @param globalDeadline the latest it can ever expire, simulated
 */
public record ActionSnapshot(String token, String instanceId, String groupName, String hookName, String transition,
    String origin, String destination, Instant started, Instant deadline, Instant globalDeadline) {

  /** Validates the fields. */
  public ActionSnapshot {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(hookName, "hookName");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(globalDeadline, "globalDeadline");
  }
}
