package io.warmgate.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate knows of one instance at one moment, from Auto Scaling and EC2 together.
 *
 * @param instanceId the EC2 instance id
 * @param groupName the Auto Scaling group it belongs to, or empty if it belongs to none
 * @param lifecycleState the Auto Scaling lifecycle state, e.g. {@code Warmed:Pending:Wait}, or empty
 * @param state the EC2 state
 * @param privateIp the private IPv4 address, absent before the network interface is up
 * @param launchTime the start of the current boot (EC2 resets it on every start)
 * @param platform {@code windows}, or empty for Linux
 */
public record InstanceFacts(
    String instanceId,
    Optional<String> groupName,
    Optional<String> lifecycleState,
    InstanceState state,
    Optional<String> privateIp,
    Instant launchTime,
    Optional<String> platform) {

  public InstanceFacts {
    LifecycleAction.requireText(instanceId, "instanceId");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(lifecycleState, "lifecycleState");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(privateIp, "privateIp");
    Objects.requireNonNull(launchTime, "launchTime");
    Objects.requireNonNull(platform, "platform");
  }

  /** True if Auto Scaling holds the instance in a wait state of a hook. */
  public boolean isWaiting() {
    return lifecycleState.map(s -> s.endsWith(":Wait")).orElse(false);
  }
}
