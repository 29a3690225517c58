package io.warmgate.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an instance's console output through the EC2 API ({@code GetConsoleOutput}), as EC2 returns it:
 * base64 text, not yet decoded or trusted.
 *
 * <p>Blocking; thread-safe.
 */
public interface ConsoleOutputs {

  /** A runner without console access: every read fails, naming what is missing. */
  ConsoleOutputs UNAVAILABLE = (instanceId, latest) -> {
    throw new GatePortException("this runner reads no console output (GetConsoleOutput) for " + instanceId, null, false);
  };

  /**
   * What EC2 answered.
   *
   * @param output the {@code Output} field, base64 as EC2 sends it; empty if EC2 sent none
   * @param timestamp the {@code Timestamp} field, when the output was last updated, if sent
   */
  record ConsoleOutput(Optional<String> output, Optional<Instant> timestamp) {
    public ConsoleOutput {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /**
   * Thrown when EC2 refuses {@code Latest=true} for the instance (its type does not run on the Nitro
   * hypervisor); reading again without it can succeed.
   */
  final class LatestUnsupportedException extends GatePortException {
    /** @param message EC2's refusal, naming the instance */
    public LatestUnsupportedException(String message, Throwable cause) {
      super(message, cause, false);
    }
  }

  /**
   * Reads the console output of one instance.
   *
   * @param latest ask for the newest output ({@code Latest=true}, Nitro instances only) rather than the
   *     buffered output EC2 posts around state transitions
   * @throws LatestUnsupportedException if {@code latest} and the instance does not support it
   * @throws GatePortException if the call failed after the adapter's own retries
   */
  ConsoleOutput read(String instanceId, boolean latest);
}
