package io.warmgate.core.gate;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.Scheduler;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Sends every heartbeat and every completion of one run: the one path for these calls, which owns the
 * fallback for a refused token. Two copies of the heartbeat drifted apart once (issue 21): the hand-over
 * heartbeat went out with a token the round's heartbeat had already found refused.
 *
 * <p>The token fallback: when Auto Scaling knows no active action by the token the action arrived with,
 * the run drops the token for good, checks with Auto Scaling that the instance still waits as verified
 * (group, the hook's phase), and goes on by instance id, whose answer is final. Anyone who can send the
 * gate an event can make a token up, and a real event for the same instance joins this run, so a refused
 * token must not end the instance's wait; a real token refused because its action did end finds the
 * instance moved on.
 *
 * <p>Blocking (runs on the gate's executor). Used by one run, whose steps run one after another.
 */
final class LifecycleCalls {

  /** What a call came to. */
  sealed interface Answer {}

  /** Auto Scaling accepted the call at {@code at}. */
  record Accepted(Instant at) implements Answer {}

  /** The run ends: the action is no longer active ({@code ALREADY_COMPLETED}) or the instance is gone ({@code STOPPED}). */
  record Ended(Outcome outcome, String reason) implements Answer {}

  private final LifecycleAction action;
  private final LifecycleActions actions;
  private final ActionFacts facts;
  private final Scheduler clock;
  private final BiConsumer<LifecycleActions.Outcome, Instant> heartbeatSent;
  // What the calls name: the action, until Auto Scaling refuses its token.
  private LifecycleAction callAs;
  // A refused token's check that the instance still waits, still owed if its lookup failed.
  private boolean verifyOwed;

  /**
   * @param facts looked up again to check a refused token's instance
   * @param heartbeatSent told each heartbeat's answer and time
   */
  LifecycleCalls(
      LifecycleAction action,
      LifecycleActions actions,
      ActionFacts facts,
      Scheduler clock,
      BiConsumer<LifecycleActions.Outcome, Instant> heartbeatSent) {
    this.action = Objects.requireNonNull(action, "action");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.heartbeatSent = Objects.requireNonNull(heartbeatSent, "heartbeatSent");
    this.callAs = action;
  }

  /**
   * Records a heartbeat.
   *
   * @param where which heartbeat, for the reason when the action turns out ended ({@code "at heartbeat"})
   * @throws GatePortException if a call failed; calling again retries it (and any check still owed)
   */
  Answer heartbeat(String where) {
    return send(null, where);
  }

  /**
   * Completes the action with {@code verdict}.
   *
   * @throws GatePortException if a call failed; calling again retries it (and any check still owed)
   */
  Answer complete(LifecycleResult verdict) {
    return send(Objects.requireNonNull(verdict, "verdict"), "at completion");
  }

  /** Sends a completion with {@code verdict}, or a heartbeat when it is null. */
  private Answer send(LifecycleResult verdict, String where) {
    if (verifyOwed) {
      Optional<Answer> ended = verifyRefusedToken();
      if (ended.isPresent()) {
        return ended.get();
      }
    }
    if (call(verdict) == LifecycleActions.Outcome.ACCEPTED) {
      return new Accepted(clock.now());
    }
    if (callAs.token().isPresent()) {
      callAs = action.withoutToken();
      verifyOwed = true;
      Optional<Answer> ended = verifyRefusedToken();
      if (ended.isPresent()) {
        return ended.get();
      }
      if (call(verdict) == LifecycleActions.Outcome.ACCEPTED) {
        return new Accepted(clock.now());
      }
    }
    return new Ended(Outcome.ALREADY_COMPLETED, "the action is no longer active (found " + where + ")");
  }

  private LifecycleActions.Outcome call(LifecycleResult verdict) {
    if (verdict != null) {
      return actions.complete(callAs, verdict);
    }
    LifecycleActions.Outcome outcome = actions.recordHeartbeat(callAs);
    heartbeatSent.accept(outcome, clock.now());
    return outcome;
  }

  /** Checks that the instance of a refused token still waits; the answer if the run ends. */
  private Optional<Answer> verifyRefusedToken() {
    Optional<String> gone = facts.lookUp();
    verifyOwed = false;
    if (gone.isPresent()) {
      return Optional.of(new Ended(Outcome.STOPPED, gone.get()));
    }
    return Decider.verify(action, facts.current())
        .map(Decision.Stop::reason)
        .map(movedOn -> new Ended(Outcome.ALREADY_COMPLETED,
            "the action is no longer active (its token was refused and " + movedOn + ")"));
  }
}
