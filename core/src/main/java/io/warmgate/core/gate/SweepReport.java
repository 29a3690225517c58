package io.warmgate.core.gate;

import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one sweep found and how each action it ran ended.
 *
 * @param groups managed groups looked at
 * @param waiting waiting instances found (one action per instance and gated hook)
 * @param finished how each action ended, in no particular order
 * @param problems groups or lookups the sweep could not handle, one sentence each
 * @param faults what broke the sweep itself when it was not an AWS answer (an {@link Error} or unexpected
 *     exception in the gate's own code or its packaging), each also named in {@code problems}; the runs'
 *     own faults are in {@code finished} (see {@link #allFaults()})
 */
public record SweepReport(int groups, int waiting, List<ActionFinished> finished, List<String> problems, List<Throwable> faults) {

  public SweepReport {
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(problems, "problems");
    Objects.requireNonNull(faults, "faults");
    finished = List.copyOf(finished);
    problems = List.copyOf(problems);
    faults = List.copyOf(faults);
  }

  /** Every fault of this sweep: its own, then its runs'. A runner makes them loud. */
  public List<Throwable> allFaults() {
    List<Throwable> all = new ArrayList<>(faults);
    finished.forEach(f -> f.fault().ifPresent(all::add));
    return List.copyOf(all);
  }

  /** How many actions ended with each outcome (outcomes that did not occur are absent). */
  public Map<Outcome, Integer> outcomes() {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (ActionFinished f : finished) {
      counts.merge(f.outcome(), 1, Integer::sum);
    }
    return counts;
  }
}
