package io.warmgate.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * Records one transition of one simulated instance, at a simulated instant.
 *
 * @param at the simulated instant
 * @param instanceId the EC2 instance id
 * @param groupName the Auto Scaling group, or {@code null} if none
 * @param kind what changed
 * @param from the previous value, or {@code null} for the first
 * @param to the new value
 */
public record TimelineEntry(Instant at, String instanceId, String groupName, Kind kind, String from, String to) {

  /** What a timeline entry records. */
  public enum Kind {
    /** The Auto Scaling lifecycle state, for example {@code Warmed:Pending:Wait}. */
    LIFECYCLE,
    /** The EC2 state name, for example {@code stopping}. */
    EC2,
    /** A boot milestone: {@code os-up}, {@code setup-saved}, {@code healthy}, {@code corrupted}. */
    HEALTH,
    /** A lifecycle action: {@code started <token>}, {@code CONTINUE}, {@code ABANDON}, {@code expired}. */
    ACTION
  }

  /** Validates the required fields. */
  public TimelineEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(to, "to");
  }
}
