package io.warmgate.cli.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance's row in a story: its lifecycle-state segments and the gate's decisions about it.
 *
 * @param instanceId the EC2 instance id
 * @param segments consecutive lifecycle-state segments, in time order
 * @param markers the gate's decisions and other per-instance events, in time order
 * @param corruptedAt when a stop during first-boot setup broke it, if it did
 */
public record InstanceTrack(
    String instanceId, List<StateSegment> segments, List<DecisionMarker> markers, Optional<Instant> corruptedAt) {

  public InstanceTrack {
    Objects.requireNonNull(instanceId, "instanceId");
    segments = List.copyOf(segments);
    markers = List.copyOf(markers);
    Objects.requireNonNull(corruptedAt, "corruptedAt");
  }

  /** Whether the instance was broken by a stop during its first-boot setup. */
  public boolean corrupted() {
    return corruptedAt.isPresent();
  }

  /**
   * A span of simulated time during which the instance stayed in one lifecycle state.
   *
   * @param state the Auto Scaling lifecycle state, e.g. {@code Warmed:Pending:Wait}, or
   *     {@code Terminated}
   * @param start when it entered the state
   * @param end when it left it (or the end of the story)
   */
  public record StateSegment(String state, Instant start, Instant end) {
    public StateSegment {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (end.isBefore(start)) {
        throw new IllegalArgumentException("segment " + state + " ends before it starts");
      }
    }
  }

  /**
   * A point event on an instance's row.
   *
   * @param at when it happened
   * @param kind what happened
   * @param detail one sentence, shown as a tooltip
   */
  public record DecisionMarker(Instant at, Kind kind, String detail) {
    public DecisionMarker {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The kinds of point events drawn on a row. */
  public enum Kind {
    /** The action was completed with CONTINUE (by the gate, or by the hook's default result). */
    CONTINUE,
    /** The action was completed with ABANDON. */
    ABANDON,
    /** A heartbeat extended the wait. */
    HEARTBEAT,
    /** The hook timed out and its default result applied. */
    EXPIRED,
    /** A stop during first-boot setup corrupted the instance. */
    CORRUPTED,
    /** Auto Scaling's health check failed the instance; it is replaced. */
    UNHEALTHY
  }
}
