package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.port.LifecycleActions;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * Sends {@code RecordLifecycleActionHeartbeat} and {@code CompleteLifecycleAction}, by token when the
 * action carries one, else by instance id.
 *
 * <p>{@code ValidationError} "No active Lifecycle Action found ..." (already completed, timed out,
 * unknown token) is {@link Outcome#NOT_ACTIVE}, an expected answer; every other failure that survives
 * the SDK's retries is a {@link io.warmgate.core.port.GatePortException}. Blocking; thread-safe.
 */
public final class AutoScalingLifecycleActions implements LifecycleActions {

  private static final String NOT_ACTIVE_MESSAGE = "No active Lifecycle Action found";

  private final AutoScalingClient autoScaling;

  /** Uses the given client; does not close it. */
  public AutoScalingLifecycleActions(AutoScalingClient autoScaling) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
  }

  @Override
  public Outcome recordHeartbeat(LifecycleAction action) {
    Objects.requireNonNull(action, "action");
    try {
      autoScaling.recordLifecycleActionHeartbeat(
          r -> {
            r.autoScalingGroupName(action.groupName()).lifecycleHookName(action.hookName());
            action.token().ifPresentOrElse(r::lifecycleActionToken, () -> r.instanceId(action.instanceId()));
          });
      return Outcome.ACCEPTED;
    } catch (SdkException e) {
      return notActiveOrThrow(e, "RecordLifecycleActionHeartbeat", action);
    }
  }

  @Override
  public Outcome complete(LifecycleAction action, LifecycleResult result) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(result, "result");
    try {
      autoScaling.completeLifecycleAction(
          r -> {
            r.autoScalingGroupName(action.groupName())
                .lifecycleHookName(action.hookName())
                .lifecycleActionResult(result.name());
            // AWS requires the instance id or the token; the token pins this very wait, so prefer it.
            action.token().ifPresentOrElse(r::lifecycleActionToken, () -> r.instanceId(action.instanceId()));
          });
      return Outcome.ACCEPTED;
    } catch (SdkException e) {
      return notActiveOrThrow(e, "CompleteLifecycleAction(" + result + ")", action);
    }
  }

  /** True if Auto Scaling answered that the action is no longer active. */
  static boolean isNotActive(SdkException e) {
    return AwsFailures.hasCode(e, "ValidationError") && AwsFailures.errorMessage(e).contains(NOT_ACTIVE_MESSAGE);
  }

  /**
   * True if Auto Scaling refused the token itself ("Value at 'lifecycleActionToken' failed to satisfy
   * constraint"): a made-up token names no active action either, and the gate then goes on by instance id.
   */
  static boolean isTokenRefused(SdkException e, LifecycleAction action) {
    return action.token().isPresent() && AwsFailures.hasCode(e, "ValidationError")
        && AwsFailures.errorMessage(e).toLowerCase(java.util.Locale.ROOT).contains("lifecycleactiontoken");
  }

  private static Outcome notActiveOrThrow(SdkException e, String call, LifecycleAction action) {
    if (isNotActive(e) || isTokenRefused(e, action)) {
      return Outcome.NOT_ACTIVE;
    }
    throw AwsFailures.wrap(
        call + " for " + action.instanceId() + " (group " + action.groupName() + ", hook " + action.hookName() + ")",
        e);
  }
}
