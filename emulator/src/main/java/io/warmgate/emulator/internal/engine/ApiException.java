package io.warmgate.emulator.internal.engine;

/**
 * Carries an AWS error (code, message, HTTP status) from the engine or a request parser to the
 * protocol layer, which renders it in the service's error shape.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /** Creates an error with an AWS error code, a message and an HTTP status. */
  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** Returns a 400 ValidationError (Auto Scaling's catch-all for bad input). */
  public static ApiException validation(String message) {
    return new ApiException(400, "ValidationError", message);
  }

  /** Returns the 400 error of an EC2 request whose value is unacceptable. */
  public static ApiException ec2Invalid(String message) {
    return new ApiException(400, "InvalidParameterValue", message);
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the AWS error code. */
  public String code() {
    return code;
  }
}
