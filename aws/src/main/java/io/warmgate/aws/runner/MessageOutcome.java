package io.warmgate.aws.runner;

import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one lifecycle message given to the {@link LifecycleDispatcher}, and so what the runner
 * that received it does with it.
 *
 * <p>A runner reads three things:
 *
 * <ul>
 *   <li>{@link #disposition()}: {@link Disposition#DONE} means the message has been dealt with, or nothing
 *       would come of seeing it again: a queue runner deletes it. {@link Disposition#RETRY} means its work
 *       is not done and a later delivery may do it: a queue runner leaves it for redelivery (its
 *       visibility timeout, then the queue's redrive policy, bound the retries);
 *   <li>{@link #fault()}: present when the gate itself broke on the message's action (a bug or a
 *       packaging fault, never an AWS answer). Retrying cannot fix it; the runner makes it loud (the
 *       Lambda handler ends the invocation as a function error, so the asynchronous retries, the
 *       dead-letter queue and its alarm see it);
 *   <li>{@link #kind()}, to count and to log (switch over it exhaustively, without {@code default}).
 * </ul>
 *
 * <p>Which kind is which disposition:
 *
 * <table>
 *   <caption>kinds</caption>
 *   <tr><th>kind</th><th>disposition</th><th>why</th></tr>
 *   <tr><td>{@link Kind#GATED}</td><td>DONE, except a FAILED run: RETRY</td><td>the gate ran the action to
 *       an end: decided, already completed, gone, or handed over (the action still waits and the next sweep
 *       resumes it); a FAILED run (a port kept failing, the hook's configuration is invalid, or a fault) is
 *       worth another delivery</td></tr>
 *   <tr><td>{@link Kind#NOT_MANAGED}</td><td>DONE</td><td>the action's group is not one this runner
 *       manages</td></tr>
 *   <tr><td>{@link Kind#GROUPS_UNKNOWN}</td><td>RETRY</td><td>whether the group is managed could not be
 *       told (the managed-group lookup failed)</td></tr>
 *   <tr><td>{@link Kind#NO_BUDGET}</td><td>RETRY</td><td>the runner's time budget had ended before the
 *       action could start</td></tr>
 *   <tr><td>{@link Kind#SHUT_DOWN}</td><td>RETRY</td><td>the dispatcher was closed</td></tr>
 *   <tr><td>{@link Kind#TEST_NOTIFICATION}</td><td>DONE</td><td>Auto Scaling's test message: acknowledge and
 *       ignore it</td></tr>
 *   <tr><td>{@link Kind#IGNORED}</td><td>DONE</td><td>well-formed, but not a lifecycle action</td></tr>
 *   <tr><td>{@link Kind#MALFORMED}</td><td>DONE</td><td>garbage: retrying never helps; log one warning
 *       (the sweep is then the only way its action, if any, gets gated)</td></tr>
 * </table>
 *
 * @param message the message as parsed
 * @param kind what became of it
 * @param reason why, for people (for {@link Kind#GATED}, the run's own reason)
 * @param finished the run's end, present exactly for {@link Kind#GATED}
 */
public record MessageOutcome(LifecycleMessage message, Kind kind, String reason, Optional<ActionFinished> finished) {

  /** What the runner does with the message. */
  public enum Disposition {
    /** Dealt with, or nothing would come of seeing it again: delete (acknowledge) it. */
    DONE,
    /** Its work is not done and a later delivery may do it: keep it for redelivery. */
    RETRY
  }

  /** What became of a message. */
  public enum Kind {
    /** A lifecycle action the gate ran to an end; see {@link MessageOutcome#finished()}. */
    GATED,
    /** A lifecycle action of a group this runner does not manage. */
    NOT_MANAGED,
    /** A lifecycle action whose group could not be told managed or not (the lookup failed). */
    GROUPS_UNKNOWN,
    /** A lifecycle action that arrived after the runner's time budget had ended. */
    NO_BUDGET,
    /** A lifecycle action that arrived after the dispatcher was closed. */
    SHUT_DOWN,
    /** Auto Scaling's {@code autoscaling:TEST_NOTIFICATION}. */
    TEST_NOTIFICATION,
    /** A well-formed message that is not a lifecycle action. */
    IGNORED,
    /** Input that could not be read as any known message. */
    MALFORMED
  }

  /**
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the kind does not fit the message (an action's kinds for an
   *     action, {@code TEST_NOTIFICATION}, {@code IGNORED}, {@code MALFORMED} for those messages), or {@code
   *     finished} is not present exactly for {@code GATED}
   */
  public MessageOutcome {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(finished, "finished");
    if (!fits(message, kind)) {
      throw new IllegalArgumentException(kind + " does not fit a " + message.getClass().getSimpleName() + " message");
    }
    if (finished.isPresent() != (kind == Kind.GATED)) {
      throw new IllegalArgumentException("a run's end belongs to GATED only, not " + kind);
    }
  }

  private static boolean fits(LifecycleMessage message, Kind kind) {
    return switch (kind) {
      case GATED, NOT_MANAGED, GROUPS_UNKNOWN, NO_BUDGET, SHUT_DOWN -> message instanceof LifecycleMessage.Action;
      case TEST_NOTIFICATION -> message instanceof LifecycleMessage.TestNotification;
      case IGNORED -> message instanceof LifecycleMessage.Ignored;
      case MALFORMED -> message instanceof LifecycleMessage.Malformed;
    };
  }

  /** The outcome of a message that is not an action: acknowledged or dropped, nothing gated. */
  static MessageOutcome notAnAction(LifecycleMessage message) {
    if (message instanceof LifecycleMessage.TestNotification t) {
      return new MessageOutcome(t, Kind.TEST_NOTIFICATION, "acknowledged the test notification of group " + t.groupName(),
          Optional.empty());
    }
    if (message instanceof LifecycleMessage.Ignored i) {
      return new MessageOutcome(i, Kind.IGNORED, i.reason(), Optional.empty());
    }
    if (message instanceof LifecycleMessage.Malformed m) {
      return new MessageOutcome(m, Kind.MALFORMED, m.reason(), Optional.empty());
    }
    throw new IllegalArgumentException("an action is dispatched, not acknowledged: " + message);
  }

  /** The outcome of an action the gate ran to {@code end}. */
  static MessageOutcome gated(LifecycleMessage.Action message, ActionFinished end) {
    return new MessageOutcome(message, Kind.GATED, end.reason(), Optional.of(end));
  }

  /** The outcome of an action not given to the gate, with one of the actions' kinds other than GATED. */
  static MessageOutcome notGated(LifecycleMessage.Action message, Kind kind, String reason) {
    return new MessageOutcome(message, kind, reason, Optional.empty());
  }

  /** What the runner does with the message; see the table above. */
  public Disposition disposition() {
    return switch (kind) {
      case GATED -> finished.orElseThrow().outcome() == Outcome.FAILED ? Disposition.RETRY : Disposition.DONE;
      case GROUPS_UNKNOWN, NO_BUDGET, SHUT_DOWN -> Disposition.RETRY;
      case NOT_MANAGED, TEST_NOTIFICATION, IGNORED, MALFORMED -> Disposition.DONE;
    };
  }

  /**
   * The error that ended the run when the gate itself broke (see {@link ActionFinished#fault()}); empty for
   * every other outcome, AWS answers and throttling included.
   */
  public Optional<Throwable> fault() {
    return finished.flatMap(ActionFinished::fault);
  }

  /** The lifecycle action, for the actions' kinds; empty for test notifications, ignored and malformed messages. */
  public Optional<LifecycleAction> action() {
    return message instanceof LifecycleMessage.Action a ? Optional.of(a.action()) : Optional.empty();
  }
}
