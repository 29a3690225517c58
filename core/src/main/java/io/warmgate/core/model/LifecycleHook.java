package io.warmgate.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifecycle hook as Auto Scaling describes it.
 *
 * @param groupName the Auto Scaling group
 * @param hookName the hook's name
 * @param transition the transition it intercepts
 * @param heartbeatTimeout how long an action waits without a heartbeat (30 s to 7200 s)
 * @param globalTimeout the cap no heartbeat extends a wait past: min(48 h, 100 x heartbeat timeout)
 * @param defaultResult what Auto Scaling does when the action times out
 * @param notificationMetadata the hook's metadata; warmgate reads its policy overrides from it
 */
public record LifecycleHook(
    String groupName,
    String hookName,
    LifecycleTransition transition,
    Duration heartbeatTimeout,
    Duration globalTimeout,
    LifecycleResult defaultResult,
    Optional<String> notificationMetadata) {

  /** Smallest heartbeat timeout Auto Scaling accepts. */
  public static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);
  /** Largest heartbeat timeout Auto Scaling accepts. */
  public static final Duration MAX_HEARTBEAT_TIMEOUT = Duration.ofSeconds(7200);
  /** Upper bound of the global timeout. */
  public static final Duration MAX_GLOBAL_TIMEOUT = Duration.ofHours(48);

  public LifecycleHook {
    LifecycleAction.requireText(groupName, "groupName");
    LifecycleAction.requireText(hookName, "hookName");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(globalTimeout, "globalTimeout");
    Objects.requireNonNull(defaultResult, "defaultResult");
    Objects.requireNonNull(notificationMetadata, "notificationMetadata");
    if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
      throw new IllegalArgumentException("heartbeatTimeout must be positive: " + heartbeatTimeout);
    }
    if (globalTimeout.compareTo(heartbeatTimeout) < 0) {
      throw new IllegalArgumentException(
          "globalTimeout " + globalTimeout + " is shorter than heartbeatTimeout " + heartbeatTimeout);
    }
  }

  /** Builds a hook whose global timeout follows Auto Scaling's rule, min(48 h, 100 x heartbeat timeout). */
  public static LifecycleHook of(
      String groupName,
      String hookName,
      LifecycleTransition transition,
      Duration heartbeatTimeout,
      LifecycleResult defaultResult,
      Optional<String> notificationMetadata) {
    return new LifecycleHook(
        groupName,
        hookName,
        transition,
        heartbeatTimeout,
        globalTimeoutFor(heartbeatTimeout),
        defaultResult,
        notificationMetadata);
  }

  /** Auto Scaling's global timeout for a heartbeat timeout: min(48 h, 100 x heartbeat timeout). */
  public static Duration globalTimeoutFor(Duration heartbeatTimeout) {
    Duration hundredFold = heartbeatTimeout.multipliedBy(100);
    return hundredFold.compareTo(MAX_GLOBAL_TIMEOUT) < 0 ? hundredFold : MAX_GLOBAL_TIMEOUT;
  }
}
