package io.warmgate.emulator.lambda;

import java.time.Instant;
import java.util.Objects;

/**
 * An event that would reach a dead-letter queue: the function's (after its asynchronous retries or its event
 * age ran out) or a rule target's (when EventBridge could not deliver it to the function).
 *
 * @param queue what the template names as the queue (its logical id or ARN)
 * @param payload the event
 * @param attempts how many times the function ran it
 * @param reason why it was given up on: the last error, or the event age
 * @param at when (real time)
 */
public record DeadLetter(String queue, String payload, int attempts, String reason, Instant at) {

  /** Checks the fields. */
  public DeadLetter {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
