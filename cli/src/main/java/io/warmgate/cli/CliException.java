package io.warmgate.cli;

/**
 * A failure the user can act on, printed as one line without a stack trace (unless {@code --debug}).
 */
public class CliException extends RuntimeException {

  private final int exitCode;

  /** A failure with {@link ExitCodes#FAILURE}. */
  public CliException(String message) {
    this(message, null, ExitCodes.FAILURE);
  }

  /** A failure with {@link ExitCodes#FAILURE} and its cause. */
  public CliException(String message, Throwable cause) {
    this(message, cause, ExitCodes.FAILURE);
  }

  /** A failure with the given exit code. */
  public CliException(String message, Throwable cause, int exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code the command ends with. */
  public int exitCode() {
    return exitCode;
  }
}
