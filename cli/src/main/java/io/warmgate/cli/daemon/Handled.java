package io.warmgate.cli.daemon;

import io.warmgate.core.port.GateListener.ActionFinished;
import java.util.List;
import java.util.Objects;

/**
 * What became of one incoming message once every action in it ended its run, as a runner that must acknowledge
 * messages needs to know it.
 *
 * @param kind what the runner should do with the message
 * @param reason why, for its log
 */
public record Handled(Kind kind, String reason) {

  /** What the runner should do with the message. */
  public enum Kind {
    /** Decided, gone, not ours, or a notification acknowledged: nothing more to do. */
    SETTLED,
    /** Still waiting when the run's budget ended or the daemon stopped; the sweep or the next runner resumes it. */
    HANDED_OVER,
    /** A port failed for real (or the managed groups are unknown): worth another delivery. */
    RETRY,
    /** Unreadable: retrying it never helps. */
    MALFORMED
  }

  public Handled {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  static Handled of(Kind kind, String reason) {
    return new Handled(kind, reason);
  }

  /** A finished run as the runner should treat its message. */
  static Handled of(ActionFinished f) {
    Kind kind = switch (f.outcome()) {
      case CONTINUED, ABANDONED, ALREADY_COMPLETED, SHADOWED, STOPPED -> Kind.SETTLED;
      case HANDED_OVER -> Kind.HANDED_OVER;
      case FAILED -> Kind.RETRY;
    };
    return new Handled(kind, f.action().key() + " " + f.outcome() + ": " + f.reason());
  }

  /**
   * A batch as one: a retry if any part wants one, else handed over if any part was, else malformed if every part
   * was, else settled.
   */
  static Handled combine(List<Handled> parts) {
    for (Kind k : List.of(Kind.RETRY, Kind.HANDED_OVER)) {
      for (Handled h : parts) {
        if (h.kind == k) {
          return h;
        }
      }
    }
    if (!parts.isEmpty() && parts.stream().allMatch(h -> h.kind == Kind.MALFORMED)) {
      return parts.get(0);
    }
    return new Handled(Kind.SETTLED, parts.isEmpty() ? "empty batch" : parts.get(parts.size() - 1).reason);
  }
}
