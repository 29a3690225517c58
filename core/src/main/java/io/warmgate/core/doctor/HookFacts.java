package io.warmgate.core.doctor;

import io.warmgate.core.model.LifecycleHook;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifecycle hook with what is known about who answers it.
 *
 * @param hook the hook as DescribeLifecycleHooks returns it
 * @param notificationTarget the hook's NotificationTargetARN (an SQS queue or SNS topic), if any
 * @param gateHeartbeats whether a warmgate gate serving this hook sends heartbeats; empty when no warmgate
 *     gate is known to serve it (neither its NotificationMetadata nor a managed tag says so)
 */
public record HookFacts(LifecycleHook hook, Optional<String> notificationTarget, Optional<Boolean> gateHeartbeats) {

  public HookFacts {
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(notificationTarget, "notificationTarget");
    Objects.requireNonNull(gateHeartbeats, "gateHeartbeats");
  }

  /** True if a known gate keeps this hook's actions alive with heartbeats. */
  public boolean heartbeated() {
    return gateHeartbeats.orElse(false);
  }
}
