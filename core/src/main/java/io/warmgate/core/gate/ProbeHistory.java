package io.warmgate.core.gate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate remembers of one action between probe rounds; the decision function reads it.
 *
 * @param consecutivePasses rounds in a row that passed, up to now
 * @param streakStartedAt when the first round of the current streak passed; empty when the streak is 0
 * @param lastHeartbeatAt when the gate last recorded a heartbeat that Auto Scaling accepted
 * @param firstSeenAt when this gate first saw the action
 * @param rounds probe rounds run so far
 */
public record ProbeHistory(
    int consecutivePasses, Optional<Instant> streakStartedAt, Optional<Instant> lastHeartbeatAt, Instant firstSeenAt, int rounds) {

  public ProbeHistory {
    Objects.requireNonNull(streakStartedAt, "streakStartedAt");
    Objects.requireNonNull(lastHeartbeatAt, "lastHeartbeatAt");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    if (consecutivePasses < 0 || rounds < 0) {
      throw new IllegalArgumentException("consecutivePasses and rounds must not be negative");
    }
    if ((consecutivePasses > 0) != streakStartedAt.isPresent()) {
      throw new IllegalArgumentException("streakStartedAt must be set exactly when consecutivePasses > 0");
    }
  }

  /** The history of an action seen for the first time at {@code firstSeenAt}. */
  public static ProbeHistory start(Instant firstSeenAt) {
    return new ProbeHistory(0, Optional.empty(), Optional.empty(), firstSeenAt, 0);
  }

  /** This history after a round that finished at {@code at}, passing or not. */
  public ProbeHistory afterRound(boolean passed, Instant at) {
    Objects.requireNonNull(at, "at");
    if (!passed) {
      return new ProbeHistory(0, Optional.empty(), lastHeartbeatAt, firstSeenAt, rounds + 1);
    }
    return new ProbeHistory(
        consecutivePasses + 1, Optional.of(streakStartedAt.orElse(at)), lastHeartbeatAt, firstSeenAt, rounds + 1);
  }

  /** This history after a heartbeat accepted at {@code at}. */
  public ProbeHistory afterHeartbeat(Instant at) {
    return new ProbeHistory(consecutivePasses, streakStartedAt, Optional.of(at), firstSeenAt, rounds);
  }
}
