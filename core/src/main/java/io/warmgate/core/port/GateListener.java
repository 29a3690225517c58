package io.warmgate.core.port;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Observes what the gate does; the core reports through it instead of logging.
 *
 * <p>Adapters turn these into structured log lines and metrics. Called from gate threads; must be
 * thread-safe and quick, and must not throw. New methods get default no-op bodies, so adding an event
 * breaks no one.
 */
public interface GateListener {

  /** A listener that ignores everything. */
  GateListener NONE = new GateListener() {};

  /**
   * One decision about one action, with the probe results it was based on.
   *
   * @param action the lifecycle action
   * @param phase its phase
   * @param probes the probe results of this round (empty if no probe ran)
   * @param decision the decision
   * @param at when it was made
   */
  record DecisionMade(
      LifecycleAction action, Phase phase, List<ProbeResult> probes, Decision decision, Instant at) {
    public DecisionMade {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(phase, "phase");
      probes = List.copyOf(probes);
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The end of the gate's work on an action.
   *
   * @param action the lifecycle action
   * @param phase its phase
   * @param outcome how it ended
   * @param probeCount probes run for this action
   * @param timeToReady from LaunchTime to the Continue decision, when the instance became ready
   * @param reason why it ended, for people
   * @param at when it ended
   * @param fault for a {@link Outcome#FAILED} run only: the error that ended it when it is not an AWS answer
   *     (an {@link Error} or unexpected exception in the gate's own code or its packaging, such as a {@code
   *     NoClassDefFoundError}). Empty for everything else, AWS answers and throttling included (those are
   *     {@link GatePortException}s). A runner makes a fault loud: retrying cannot fix it, a person must.
   */
  record ActionFinished(
      LifecycleAction action,
      Phase phase,
      Outcome outcome,
      int probeCount,
      Optional<Duration> timeToReady,
      String reason,
      Instant at,
      Optional<Throwable> fault) {
    public ActionFinished {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(timeToReady, "timeToReady");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(fault, "fault");
      if (fault.isPresent() && outcome != Outcome.FAILED) {
        throw new IllegalArgumentException("only a FAILED run has a fault, not " + outcome);
      }
    }

    /** An end without a fault. */
    public ActionFinished(
        LifecycleAction action, Phase phase, Outcome outcome, int probeCount, Optional<Duration> timeToReady, String reason, Instant at) {
      this(action, phase, outcome, probeCount, timeToReady, reason, at, Optional.empty());
    }
  }

  /** How the gate's work on an action ended. */
  enum Outcome {
    /** Completed with CONTINUE. */
    CONTINUED,
    /** Completed with ABANDON. */
    ABANDONED,
    /** Someone else had already completed it, or it had timed out. */
    ALREADY_COMPLETED,
    /** Shadow mode: the verdict was logged but not sent. */
    SHADOWED,
    /** The instance or action disappeared, or the action is not the gate's. */
    STOPPED,
    /** The runner's time budget ran out; the action is still waiting and the next sweep resumes it. */
    HANDED_OVER,
    /**
     * A port failed for real, the configuration is invalid, or the gate itself broke (see {@link
     * ActionFinished#fault()}); the action is still waiting and the next sweep retries it.
     */
    FAILED
  }

  /** Called after every decision. */
  default void decisionMade(DecisionMade event) {}

  /** Called once a heartbeat has been recorded (or found the action no longer active). */
  default void heartbeatSent(LifecycleAction action, LifecycleActions.Outcome outcome, Instant at) {}

  /** Called once per action when the gate stops working on it. */
  default void actionFinished(ActionFinished event) {}

  /**
   * Called when the gate has resolved the policy an action is gated with (defaults, base layers, the
   * hook's NotificationMetadata), once per action, before its first probe.
   *
   * @param settings the effective settings of that phase's policy, key to value
   */
  default void policyResolved(LifecycleAction action, Phase phase, Map<String, String> settings) {}

  /** Called when a port call failed; the gate goes on or hands the action over. */
  default void portFailed(LifecycleAction action, GatePortException failure, Instant at) {}
}
