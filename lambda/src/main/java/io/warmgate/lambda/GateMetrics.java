package io.warmgate.lambda;

import io.warmgate.core.port.GateListener.ActionFinished;

/**
 * Records the gate's outcome metrics: namespace {@code warmgate}, dimension {@code
 * AutoScalingGroupName}, metrics {@code TimeToReadySeconds}, {@code ProbesPerAction}, {@code
 * Continued}, {@code Abandoned}, {@code AlreadyCompleted}, {@code GateErrors}.
 *
 * <p>Implementations are thread-safe and never throw.
 */
public interface GateMetrics {

  /** Records nothing. */
  GateMetrics NONE = new GateMetrics() {
    @Override
    public void actionFinished(ActionFinished finished) {}

    @Override
    public void gateError(String groupName) {}
  };

  /** Records how one action ended. */
  void actionFinished(ActionFinished finished);

  /** Counts one error that left work undone for a group (a failed action, a sweep problem). */
  void gateError(String groupName);
}
