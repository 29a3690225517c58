package io.warmgate.bench;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the gate does (probes, decisions, heartbeats, port failures, outcomes) and records the
 * decision lateness: how long after a {@code Wait}'s {@code nextCheckAt} the next decision for the same
 * action was made (timer lateness plus the probe round), in simulated time.
 *
 * <p>Thread-safe and quick, as the listener port requires.
 */
public final class FleetListener implements GateListener {

  private final LatencyRecorder decisionLateness;
  private final Map<String, Instant> nextCheck = new ConcurrentHashMap<>();
  private final Map<String, Boolean> decided = new ConcurrentHashMap<>();
  private final LongAdder probes = new LongAdder();
  private final LongAdder decisions = new LongAdder();
  private final LongAdder heartbeats = new LongAdder();
  private final LongAdder portFailures = new LongAdder();
  private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
  private final AtomicLong lastFinishNanos = new AtomicLong();

  /** @param decisionLateness receives decision lateness in simulated nanoseconds */
  public FleetListener(LatencyRecorder decisionLateness) {
    this.decisionLateness = decisionLateness;
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, new LongAdder());
    }
  }

  @Override
  public void decisionMade(DecisionMade event) {
    String key = event.action().key();
    probes.add(event.probes().size());
    decisions.increment();
    decided.putIfAbsent(key, Boolean.TRUE);
    Instant due = event.decision() instanceof Decision.Wait w ? w.nextCheckAt() : null;
    Instant previous = due == null ? nextCheck.remove(key) : nextCheck.put(key, due);
    if (previous != null) {
      decisionLateness.record(Duration.between(previous, event.at()).toNanos());
    }
  }

  @Override
  public void heartbeatSent(LifecycleAction action, LifecycleActions.Outcome outcome, Instant at) {
    heartbeats.increment();
  }

  @Override
  public void portFailed(LifecycleAction action, GatePortException failure, Instant at) {
    portFailures.increment();
  }

  @Override
  public void actionFinished(ActionFinished event) {
    outcomes.get(event.outcome()).increment();
    nextCheck.remove(event.action().key());
    lastFinishNanos.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /** Probes run so far. */
  public long probes() {
    return probes.sum();
  }

  /** Decisions made so far. */
  public long decisions() {
    return decisions.sum();
  }

  /** Actions that have had at least one decision. */
  public int actionsDecided() {
    return decided.size();
  }

  /** Heartbeats recorded. */
  public long heartbeats() {
    return heartbeats.sum();
  }

  /** Port calls that failed (and were retried or ended the run). */
  public long portFailures() {
    return portFailures.sum();
  }

  /** Runs finished so far. */
  public long finished() {
    return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Finished runs per outcome (every outcome listed, zeros included). */
  public Map<Outcome, Long> outcomes() {
    Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
    outcomes.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** {@link System#nanoTime()} of the last finish, or 0. */
  public long lastFinishNanos() {
    return lastFinishNanos.get();
  }
}
