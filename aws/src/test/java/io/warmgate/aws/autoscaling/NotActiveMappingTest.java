package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.port.GatePortException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;

/** Which Auto Scaling errors end an action as already completed, and which are real failures. */
class NotActiveMappingTest {

  private static AutoScalingException error(int status, String code, String message) {
    return (AutoScalingException) AutoScalingException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "No active Lifecycle Action found with token 71514b9d-6a40-4b26-8523-05e7eEXAMPLE",
      "No active Lifecycle Action found with instance ID i-1234567890abcdef0"})
  void noActiveLifecycleActionIsAlreadyCompleted(String message) {
    assertThat(AutoScalingLifecycleActions.isNotActive(error(400, "ValidationError", message))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Group my-asg not found",
      "Lifecycle Hook not found: no-such-hook",
      "1 validation error detected: Value 'MAYBE' at 'lifecycleActionResult' failed to satisfy constraint"})
  void anyOtherValidationErrorIsAFailureThatIsNotRetried(String message) {
    AutoScalingException e = error(400, "ValidationError", message);

    assertThat(AutoScalingLifecycleActions.isNotActive(e)).isFalse();
    GatePortException wrapped = AwsFailures.wrap("CompleteLifecycleAction for i-1 (group g, hook h)", e);
    assertThat(wrapped.retryable()).isFalse();
    assertThat(wrapped.getMessage()).contains("ValidationError: " + message);
  }

  @org.junit.jupiter.api.Test
  void aRefusedTokenIsNotActiveOnlyForACallThatNamedOne() {
    AutoScalingException e = error(400, "ValidationError", "1 validation error detected: Value 'x' at"
        + " 'lifecycleActionToken' failed to satisfy constraint: Member must have length greater than or equal to 36");
    io.warmgate.core.model.LifecycleAction byToken = new io.warmgate.core.model.LifecycleAction("g", "h",
        java.util.Optional.of("x"), "i-1", io.warmgate.core.model.LifecycleTransition.LAUNCHING,
        java.util.Optional.empty(), java.util.Optional.empty());

    assertThat(AutoScalingLifecycleActions.isTokenRefused(e, byToken)).isTrue();
    assertThat(AutoScalingLifecycleActions.isTokenRefused(e, byToken.withoutToken())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503})
  void serverErrorsAreRetryableLater(int status) {
    GatePortException wrapped = AwsFailures.wrap("x", error(status, "InternalFailure", "boom"));

    assertThat(wrapped.retryable()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void throttlingIsRetryableLater() {
    GatePortException wrapped = AwsFailures.wrap("x", error(400, "Throttling", "Rate exceeded"));

    assertThat(wrapped.retryable()).isTrue();
  }
}
