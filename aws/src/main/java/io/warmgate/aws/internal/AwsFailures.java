package io.warmgate.aws.internal;

import io.warmgate.core.port.GatePortException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Reads AWS error codes and turns SDK failures into {@link GatePortException}s. */
public final class AwsFailures {

  private AwsFailures() {}

  /** The AWS error code of a service exception, e.g. {@code ValidationError}, if there is one. */
  public static Optional<String> errorCode(SdkException e) {
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      if (details != null && details.errorCode() != null) {
        return Optional.of(details.errorCode());
      }
    }
    return Optional.empty();
  }

  /** The one line said instead of the SDK's dump of every credential provider it tried. */
  static final String NO_CREDENTIALS =
      "no AWS credentials found (tried the environment, the shared config and credentials files, the container"
          + " and the instance role); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE";

  /**
   * The AWS error message of a service exception, or the exception's message; for a credential-chain
   * failure, {@link #NO_CREDENTIALS} instead of the chain's many-line listing.
   */
  public static String errorMessage(SdkException e) {
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
      return NO_CREDENTIALS;
    }
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      if (details != null && details.errorMessage() != null) {
        return details.errorMessage();
      }
    }
    return String.valueOf(e.getMessage());
  }

  /** True if the service answered with {@code code}. */
  public static boolean hasCode(SdkException e, String code) {
    return errorCode(e).map(code::equals).orElse(false);
  }

  /**
   * Wraps a failure that survived the SDK's retries. Throttling, 5xx, timeouts and network errors
   * are retryable later; 4xx answers (bad request, access denied) are not.
   *
   * @param what what was attempted, naming group, hook and instance, e.g. {@code
   *     CompleteLifecycleAction for i-123 (group web, hook ready)}
   */
  public static GatePortException wrap(String what, SdkException e) {
    boolean retryable = isRetryable(e);
    String code = errorCode(e).map(c -> c + ": ").orElse("");
    return new GatePortException(
        what + " failed" + (retryable ? " (retryable)" : "") + ": " + code + errorMessage(e), e, retryable);
  }

  private static boolean isRetryable(SdkException e) {
    if (e instanceof SdkClientException) {
      // Network errors and API call timeouts surface as client exceptions.
      return true;
    }
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500 || service.retryable();
    }
    return e.retryable();
  }
}
