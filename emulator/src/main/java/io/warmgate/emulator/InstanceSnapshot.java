package io.warmgate.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * Shows one simulated instance as it is now, for reports and tests.
 *
 * @param instanceId the EC2 instance id
 * @param groupName the Auto Scaling group, or {@code null} once it has left it
 * @param lifecycleState the Auto Scaling lifecycle state, or {@code null} if not in a group
 * @param ec2State the EC2 state name
 * @param privateIp the loopback address its health endpoint binds
 * @param healthPort the health endpoint's port
 * @param bootProfile the name of its boot profile
 * @param launchTime the start of its current (or last) boot, simulated
 * @param healthy whether its health endpoint answers 200 now
 * @param corrupted whether a stop during first-boot setup broke it for good
 * @param abandoned whether a lifecycle action on it ended with ABANDON
 * @param unhealthy whether Auto Scaling's health check failed it (it is being replaced)
 * @param inWarmPool whether it belongs to the warm pool
 */
public record InstanceSnapshot(
    String instanceId,
    String groupName,
    String lifecycleState,
    String ec2State,
    String privateIp,
    int healthPort,
    String bootProfile,
    Instant launchTime,
    boolean healthy,
    boolean corrupted,
    boolean abandoned,
    boolean unhealthy,
    boolean inWarmPool) {

  /** Validates the required fields. */
  public InstanceSnapshot {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(ec2State, "ec2State");
    Objects.requireNonNull(privateIp, "privateIp");
    Objects.requireNonNull(bootProfile, "bootProfile");
    Objects.requireNonNull(launchTime, "launchTime");
  }
}
