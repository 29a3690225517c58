package io.warmgate.emulator.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * A function's (or alias's) asynchronous invocation settings, as {@code AWS::Lambda::EventInvokeConfig} holds them.
 * Defaults and ranges: AWS's "Configuring error handling for asynchronous invocation"
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html): 0 to 2 retries (default 2),
 * 60 s to 6 h of event age (default 6 h).
 *
 * @param maximumRetryAttempts retries after a function error, 0 to 2
 * @param maximumEventAge how long an event may wait for an attempt, 60 s to 21,600 s
 */
public record AsyncInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge) {

  /** Lambda's defaults: two retries, six hours. */
  public static final AsyncInvokeConfig DEFAULT = new AsyncInvokeConfig(2, Duration.ofHours(6));

  /**
   * Checks the ranges.
   *
   * @throws IllegalArgumentException if a value is outside what Lambda accepts
   */
  public AsyncInvokeConfig {
    Objects.requireNonNull(maximumEventAge, "maximumEventAge");
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
      throw new IllegalArgumentException("MaximumRetryAttempts must be 0 to 2: " + maximumRetryAttempts);
    }
    if (maximumEventAge.compareTo(Duration.ofSeconds(60)) < 0 || maximumEventAge.compareTo(Duration.ofSeconds(21_600)) > 0) {
      throw new IllegalArgumentException("MaximumEventAgeInSeconds must be 60 to 21600: " + maximumEventAge.toSeconds());
    }
  }
}
