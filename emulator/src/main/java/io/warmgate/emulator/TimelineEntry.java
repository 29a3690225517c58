package io.warmgate.emulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
    /** A boot or health milestone, one of {@link Milestone}'s texts. */
    HEALTH,
    /** A lifecycle action: {@code started <token>}, {@code CONTINUE}, {@code ABANDON}, {@code expired}. */
    ACTION
  }

  /**
   * The milestones a {@link Kind#HEALTH} entry records, its {@code to} being the milestone's text. A reader
   * of the timeline switches over these rather than over texts, so a milestone added here fails its build
   * instead of being taken for another (the console's ready line once ended the bench's healthy spans).
   */
  public enum Milestone {
    /** The OS is up and the health endpoint's port open; the application is not ready yet. */
    OS_UP("os-up"),
    /** The first-boot setup saved its state: from now on a stop no longer corrupts the instance. */
    SETUP_SAVED("setup-saved"),
    /** The health endpoint answers 200 from now until the boot ends. */
    HEALTHY("healthy"),
    /** The console got the boot's ready line (EC2Launch v2 or cloud-init); says nothing of the endpoint. */
    CONSOLE_READY("console-ready"),
    /** A stop during the first-boot setup corrupted the instance: it never turns healthy again. */
    CORRUPTED("corrupted"),
    /** Auto Scaling marked the in-service instance Unhealthy and replaces it. */
    UNHEALTHY("unhealthy");

    private final String text;

    Milestone(String text) {
      this.text = text;
    }

    /** The text a timeline entry carries in {@code to}. */
    public String text() {
      return text;
    }

    /** The milestone a text names, if any. */
    public static Optional<Milestone> of(String text) {
      for (Milestone m : values()) {
        if (m.text.equals(text)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  /** Validates the required fields. */
  public TimelineEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(to, "to");
  }

  /** This entry's milestone, when it is a {@link Kind#HEALTH} entry. */
  public Optional<Milestone> milestone() {
    return kind == Kind.HEALTH ? Milestone.of(to) : Optional.empty();
  }
}
