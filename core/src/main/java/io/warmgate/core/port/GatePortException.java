package io.warmgate.core.port;

/**
 * A port call failed for real (not an expected answer such as "not found" or "not active"), after the
 * adapter's own retries. The message names the group, hook or instance concerned; the cause is kept.
 */
public class GatePortException extends RuntimeException {

  private final boolean retryable;

  /**
   * @param message what failed, naming the group, hook or instance
   * @param cause the underlying failure
   * @param retryable whether trying again later may succeed (throttling, 5xx, network)
   */
  public GatePortException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
