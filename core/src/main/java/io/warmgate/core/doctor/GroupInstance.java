package io.warmgate.core.doctor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance of the group or of its warm pool, as Auto Scaling and EC2 describe it.
 *
 * @param instanceId the EC2 instance id
 * @param lifecycleState the Auto Scaling lifecycle state, e.g. {@code Warmed:Pending:Wait}
 * @param healthStatus the health status as Auto Scaling spells it ({@code Healthy}, {@code HEALTHY}, {@code Unhealthy})
 * @param inWarmPool true if DescribeWarmPool listed it
 * @param launchTime EC2's LaunchTime (start of the current boot), if EC2 described the instance
 */
public record GroupInstance(String instanceId, String lifecycleState, String healthStatus, boolean inWarmPool,
    Optional<Instant> launchTime) {

  public GroupInstance {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(lifecycleState, "lifecycleState");
    Objects.requireNonNull(healthStatus, "healthStatus");
    Objects.requireNonNull(launchTime, "launchTime");
  }

  /** True while a lifecycle hook holds the instance ({@code Pending:Wait}, {@code Warmed:Pending:Wait}). */
  public boolean waitingOnLaunch() {
    return lifecycleState.equals("Pending:Wait") || lifecycleState.equals("Warmed:Pending:Wait");
  }

  /** True unless Auto Scaling reports the instance unhealthy (either spelling). */
  public boolean healthy() {
    return !healthStatus.equalsIgnoreCase("Unhealthy");
  }
}
