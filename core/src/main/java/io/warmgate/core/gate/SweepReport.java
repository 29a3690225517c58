package io.warmgate.core.gate;

import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
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
 */
public record SweepReport(int groups, int waiting, List<ActionFinished> finished, List<String> problems) {

  public SweepReport {
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(problems, "problems");
    finished = List.copyOf(finished);
    problems = List.copyOf(problems);
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
