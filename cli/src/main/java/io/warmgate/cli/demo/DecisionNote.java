package io.warmgate.cli.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * One gate decision as the report shows it: which instance, when, what and why.
 *
 * @param instanceId the instance
 * @param at simulated time of the decision
 * @param decision {@code Continue}, {@code Abandon}, {@code Wait} or {@code Stop}
 * @param reason the gate's one-sentence reason
 */
public record DecisionNote(String instanceId, Instant at, String decision, String reason) {
  public DecisionNote {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
  }
}
