package io.warmgate.aws.internal;

import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.port.GatePortException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Converts lifecycle hooks from the SDK's model to the core's, for the gate's adapters and doctor's. */
public final class SdkLifecycleHooks {

  private SdkLifecycleHooks() {}

  /**
   * Converts a hook as the SDK describes it; defaults as Auto Scaling applies them (3600 s, ABANDON).
   *
   * @throws io.warmgate.core.port.GatePortException if the hook's transition or result is unknown
   */
  public static LifecycleHook toHook(String groupName,
      software.amazon.awssdk.services.autoscaling.model.LifecycleHook h) {
    String where = "hook " + h.lifecycleHookName() + " of group " + groupName;
    try {
      Duration heartbeat =
          Duration.ofSeconds(h.heartbeatTimeout() != null ? h.heartbeatTimeout() : 3600);
      Duration global =
          h.globalTimeout() != null
              ? Duration.ofSeconds(h.globalTimeout())
              : LifecycleHook.globalTimeoutFor(heartbeat);
      LifecycleResult result =
          h.defaultResult() == null
              ? LifecycleResult.ABANDON
              : LifecycleResult.valueOf(h.defaultResult().toUpperCase(Locale.ROOT));
      return new LifecycleHook(
          groupName,
          h.lifecycleHookName(),
          LifecycleTransition.fromWire(h.lifecycleTransition()),
          heartbeat,
          global,
          result,
          Optional.ofNullable(h.notificationMetadata()).filter(s -> !s.isEmpty()));
    } catch (RuntimeException e) {
      throw new GatePortException("DescribeLifecycleHooks returned an unusable " + where + ": " + e.getMessage(), e, false);
    }
  }
}
