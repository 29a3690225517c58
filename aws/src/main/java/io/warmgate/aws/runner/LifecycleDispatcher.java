package io.warmgate.aws.runner;

import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.MessageOutcome.Kind;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.port.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The inbound port: takes a batch of lifecycle messages, as a runner received them, and a time budget, and
 * gives one {@link MessageOutcome} per message. Every runner goes through it: the Lambda handler, the
 * daemon's HTTP listener, a queue reader. A runner then only parses its input ({@link
 * io.warmgate.aws.event.LifecycleEventParser}), calls {@link #dispatch}, and acts on each outcome's {@link
 * MessageOutcome#disposition()} and {@link MessageOutcome#fault()}.
 *
 * <p>Per message, in order:
 *
 * <ol>
 *   <li>a test notification, an ignored message or a malformed one is settled at once (acknowledged or
 *       dropped, nothing gated);
 *   <li>an action is {@link Kind#SHUT_DOWN} once {@link #close()} was called, {@link Kind#NO_BUDGET} when
 *       the budget has already ended, and {@link Kind#NOT_MANAGED} or {@link Kind#GROUPS_UNKNOWN} as the
 *       {@link Groups} check answers;
 *   <li>otherwise the gate runs it ({@link Gate#run}) until it is decided, gone or handed over at {@code
 *       budgetEnd}: {@link Kind#GATED}. A duplicate (an action already being gated) joins the run in
 *       progress and shares its end; terminating actions end STOPPED, as the gate decides.
 * </ol>
 *
 * <p>Each outcome is reported to the {@link Listener} (for logs and counts) before its stage completes,
 * so a runner acting on an outcome finds its log line already written. The gate's own listener reports
 * the runs themselves: a {@code GATED} outcome adds nothing to log.
 *
 * <p>Thread-safe. {@link #dispatch} never blocks on a run (the managed-group check may make one AWS call,
 * see {@link Groups}); the stages of gated messages complete on the gate's threads, the others are
 * complete on return. No stage completes exceptionally.
 */
public final class LifecycleDispatcher implements AutoCloseable {

  /** Whether a group is managed by this runner, as far as it can tell. */
  public enum Membership {
    /** Gate its actions. */
    MANAGED,
    /** Leave its actions alone (a listener may receive a whole account's events). */
    NOT_MANAGED,
    /** Cannot be told now (the lookup failed); a later delivery or the sweep decides. */
    UNKNOWN
  }

  /**
   * Tells which groups' actions a runner gates. Called on the dispatching thread, once per action; may
   * make an AWS call, so an implementation should cache (the daemon's looks the list up at most once a
   * sweep interval). Must not throw: a failed lookup is {@link Membership#UNKNOWN}.
   */
  @FunctionalInterface
  public interface Groups {
    /**
     * Every group is managed: the trigger already chose which actions arrive (the Lambda function's
     * EventBridge rule or hook notification target names its groups, and its role may complete actions of
     * those groups only).
     */
    Groups ALL = group -> Membership.MANAGED;

    /** Whether {@code groupName} is managed. */
    Membership membership(String groupName);
  }

  /**
   * Observes each message's outcome, once, for logs and counts. Called on the thread that completes the
   * outcome (the dispatching thread, or a gate thread for a gated action); must be quick and thread-safe.
   * It should not throw; if it does, the failure is ignored, since the outcome matters more than its report.
   */
  public interface Listener {
    /** A listener that ignores everything. */
    Listener NONE = new Listener() {};

    /** Called once per message, when its outcome is known. */
    default void messageHandled(MessageOutcome outcome) {}
  }

  private final Gate gate;
  private final Scheduler clock;
  private final Groups groups;
  private final Listener listener;
  private volatile boolean closed;

  /**
   * @param gate runs the actions
   * @param clock the gate's scheduler, whose clock the budget ends are on
   * @param groups which groups' actions to gate ({@link Groups#ALL} for every group)
   * @param listener is told each outcome ({@link Listener#NONE} for nobody)
   * @throws NullPointerException if any is null
   */
  public LifecycleDispatcher(Gate gate, Scheduler clock, Groups groups, Listener listener) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Dispatches a batch: one outcome stage per message, in the messages' order.
   *
   * @param messages what the runner received, parsed (an empty batch gives an empty list)
   * @param budgetEnd when the runner's time ends, on {@code clock}: runs hand over before it, and an action
   *     arriving after it is not started ({@link Kind#NO_BUDGET})
   * @return the outcome of each message; never completes exceptionally
   * @throws NullPointerException if {@code messages}, one of them, or {@code budgetEnd} is null
   */
  public List<CompletionStage<MessageOutcome>> dispatch(List<LifecycleMessage> messages, Instant budgetEnd) {
    Objects.requireNonNull(budgetEnd, "budgetEnd");
    List<CompletionStage<MessageOutcome>> outcomes = new ArrayList<>(messages.size());
    for (LifecycleMessage message : List.copyOf(messages)) {
      outcomes.add(dispatch(message, budgetEnd));
    }
    return List.copyOf(outcomes);
  }

  private CompletionStage<MessageOutcome> dispatch(LifecycleMessage message, Instant budgetEnd) {
    if (!(message instanceof LifecycleMessage.Action a)) {
      return settled(MessageOutcome.notAnAction(message));
    }
    LifecycleAction action = a.action();
    if (closed) {
      return settled(MessageOutcome.notGated(a, Kind.SHUT_DOWN,
          "not gated: shutting down; a later delivery or the next sweep gates " + action.key()));
    }
    if (!budgetEnd.isAfter(clock.now())) {
      return settled(MessageOutcome.notGated(a, Kind.NO_BUDGET,
          "not gated: no time left in this run; a later delivery or the next sweep gates " + action.key()));
    }
    switch (membership(action.groupName())) {
      case NOT_MANAGED:
        return settled(MessageOutcome.notGated(a, Kind.NOT_MANAGED,
            "not gated: group " + action.groupName() + " is not managed"));
      case UNKNOWN:
        return settled(MessageOutcome.notGated(a, Kind.GROUPS_UNKNOWN,
            "not gated: the managed groups are unknown (lookup failed); a later delivery or the next sweep gates "
                + action.key() + " if it is ours"));
      case MANAGED:
        break;
    }
    return gate.run(action, budgetEnd).thenApply(end -> reported(MessageOutcome.gated(a, end)));
  }

  private Membership membership(String group) {
    try {
      return Objects.requireNonNull(groups.membership(group), "membership");
    } catch (RuntimeException e) {
      return Membership.UNKNOWN;
    }
  }

  private CompletionStage<MessageOutcome> settled(MessageOutcome outcome) {
    return CompletableFuture.completedFuture(reported(outcome));
  }

  private MessageOutcome reported(MessageOutcome outcome) {
    try {
      listener.messageHandled(outcome);
    } catch (RuntimeException e) {
      // The outcome matters more than its report (see Listener).
    }
    return outcome;
  }

  /**
   * Stops gating new actions: from now on each is {@link Kind#SHUT_DOWN}, which a queue runner keeps for
   * redelivery. Runs already started go on; shut the gate down to end them. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
  }
}
