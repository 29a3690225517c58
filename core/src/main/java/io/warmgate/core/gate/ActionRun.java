package io.warmgate.core.gate;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Scheduler;
import io.warmgate.core.probe.Probe;
import io.warmgate.core.probe.ProbeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One action's run: look the action up and verify it, resolve its policy, then probe, decide and act,
 * round after round, until it is completed, gone, or its budget ends. Its parts: {@link ActionFacts} keeps
 * the instance's facts fresh, {@link LifecycleCalls} sends every heartbeat and completion, {@link RunSteps}
 * runs the steps and ends the run once.
 *
 * <p>Steps run one after another, so fields need no locking; only the budget (extended by a joining
 * runner) is shared.
 */
final class ActionRun {

  final LifecycleAction action;
  final CompletableFuture<ActionFinished> result = new CompletableFuture<>();
  private final Gate gate;
  private final Scheduler scheduler;
  private final GateOptions options;
  private final ActionFacts facts;
  private final LifecycleCalls calls;
  private final RunSteps steps;
  private volatile Instant budgetEnd;
  private Phase phase;
  private LifecycleHook hook;
  private ReadinessPolicy policy;
  private List<ProbeSpec> specs;
  private List<Probe> probeList;
  private ProbeHistory history;
  private int probeCount;
  private int failures;
  private Optional<Duration> timeToReady = Optional.empty();

  ActionRun(Gate gate, LifecycleAction action, Instant budgetEnd) {
    this.gate = gate;
    this.action = action;
    this.budgetEnd = budgetEnd;
    this.scheduler = gate.scheduler();
    this.options = gate.options();
    this.phase = action.phase();
    this.facts = new ActionFacts(action, gate.instances(), scheduler, options);
    this.calls = new LifecycleCalls(action, gate.actions(), facts, scheduler,
        (outcome, at) -> gate.report("heartbeatSent", l -> l.heartbeatSent(action, outcome, at)));
    this.steps = new RunSteps(gate.executor(), scheduler, gate::isClosed, this::ended);
  }

  void start() {
    if (action.transition() == LifecycleTransition.TERMINATING) {
      steps.finish(Outcome.STOPPED, "terminating actions are not the gate's to decide; ignored");
      return;
    }
    if (!hasTimeForCall()) {
      steps.finish(Outcome.HANDED_OVER, "no time budget left to start");
      return;
    }
    steps.blocking(this::lookUp);
  }

  /** A later runner reported the same action: it may give the run more time, and its facts are due again. */
  synchronized void joinedBy(Instant later) {
    if (later.isAfter(budgetEnd)) {
      budgetEnd = later;
    }
    facts.recheck();
  }

  /** A sweep no longer found the action: its facts are due again at the next round. */
  void recheck() {
    facts.recheck();
  }

  /** Ends the run now if it is only waiting for its next round (a shutdown). */
  void abortIfIdle() {
    steps.abortIfIdle();
  }

  // --- steps ------------------------------------------------------------------------------------

  private void lookUp() {
    Optional<String> gone;
    Optional<LifecycleHook> foundHook;
    try {
      gone = facts.lookUp();
      if (gone.isPresent()) {
        steps.finish(Outcome.STOPPED, gone.get());
        return;
      }
      foundHook = hook != null ? Optional.of(hook) : gate.hooks().find(action.groupName(), action.hookName());
    } catch (GatePortException e) {
      retryLater(e, () -> steps.blocking(this::lookUp));
      return;
    }
    if (foundHook.isEmpty()) {
      steps.finish(Outcome.STOPPED, "hook " + action.hookName() + " not found in group " + action.groupName());
      return;
    }
    hook = foundHook.get();
    if (hook.transition() != LifecycleTransition.LAUNCHING) {
      steps.finish(Outcome.STOPPED, "hook " + action.hookName() + " is a terminating hook; not the gate's to decide");
      return;
    }
    failures = 0;
    Optional<Decision.Stop> notOurs = Decider.verify(action, facts.current());
    if (notOurs.isPresent()) {
      steps.finish(Outcome.STOPPED, notOurs.get().reason());
      return;
    }
    try {
      // Auto Scaling's scaling activities tell a warm start from a cold start, not an event's Origin (anyone's
      // to write), and a sweep that resumes a handed-over warm start keeps its policy.
      phase = LaunchPhase.of(action, facts.current(), gate.origins());
    } catch (GatePortException e) {
      portFailed(e);
      phase = LaunchPhase.withoutOrigin(action, facts.current());
    }
    try {
      // The hook as Auto Scaling describes it, never the event: anyone who can send an event can write its
      // NotificationMetadata (a forged 1 s deadline that continues at the deadline passed an unready instance).
      policy = gate.policies().resolve(hook.hookName(), hook.notificationMetadata()).forPhase(phase);
    } catch (InvalidConfigurationException e) {
      steps.finish(Outcome.FAILED, "invalid configuration: " + e.getMessage());
      return;
    }
    Map<String, String> settings = PhasePolicies.all(policy).toSettings();
    Phase resolved = phase;
    gate.report("policyResolved", l -> l.policyResolved(action, resolved, settings));
    specs = policy.probes();
    probeList = new ArrayList<>();
    for (ProbeSpec spec : specs) {
      probeList.add(gate.probes().from(spec));
    }
    history = ProbeHistory.start(facts.at());
    round();
  }

  private void round() {
    if (steps.finished()) {
      return;
    }
    if (gate.isClosed()) {
      steps.finish(Outcome.HANDED_OVER, "gate is shutting down");
      return;
    }
    Instant now = scheduler.now();
    if (now.plus(policy.probeTimeout()).plus(options.callReserve()).isAfter(budgetEnd)) {
      handOver("time budget ends before another probe round could finish");
      return;
    }
    if (facts.due(policy, now)) {
      steps.blocking(this::refreshThenProbe);
    } else {
      probe();
    }
  }

  private void refreshThenProbe() {
    try {
      Optional<String> stop = facts.refresh();
      if (stop.isPresent()) {
        steps.finish(Outcome.STOPPED, stop.get());
        return;
      }
    } catch (GatePortException e) {
      // Probing goes on with what is known; ActionFacts backs the next lookup off.
      portFailed(e);
    }
    probe();
  }

  private void probe() {
    if (steps.finished()) {
      return;
    }
    ProbeTarget target = new ProbeTarget(action.instanceId(), facts.current().privateIp().orElse(""), facts.current().launchTime());
    ProbeRound.run(specs, probeList, target, policy.probeTimeout(), scheduler)
        .thenAccept(results -> steps.guarded(() -> decide(results)));
  }

  private void decide(List<ProbeResult> results) {
    if (steps.finished()) {
      return;
    }
    Instant now = scheduler.now();
    boolean passed = results.stream().allMatch(ProbeResult::passed);
    probeCount += results.size();
    history = history.afterRound(passed, now);
    if (!passed) {
      facts.roundFailed();
    }
    Decision decision = Decider.decide(policy, hook, action, facts.current(), history, now);
    GateListener.DecisionMade event = new GateListener.DecisionMade(action, phase, results, decision, now);
    gate.report("decisionMade", l -> l.decisionMade(event));
    // Java 17: no pattern switch; the four kinds are the sealed Decision's.
    if (decision instanceof Decision.Continue c) {
      if (history.consecutivePasses() >= policy.consecutiveSuccesses()) {
        timeToReady = Optional.of(Duration.between(facts.current().launchTime(), now));
      }
      complete(LifecycleResult.CONTINUE, c.reason());
    } else if (decision instanceof Decision.Abandon a) {
      complete(LifecycleResult.ABANDON, a.reason());
    } else if (decision instanceof Decision.Stop s) {
      steps.finish(Outcome.STOPPED, s.reason());
    } else if (decision instanceof Decision.Wait w) {
      if (w.heartbeatNow() && !policy.shadowMode()) {
        if (hasTimeForCall()) {
          steps.blocking(() -> heartbeat(w));
        } else {
          steps.finish(Outcome.HANDED_OVER, "no time left to send a due heartbeat");
        }
      } else {
        waitFor(w);
      }
    } else {
      throw new IllegalStateException("unhandled decision " + decision);
    }
  }

  private void heartbeat(Decision.Wait w) {
    if (steps.finished()) {
      return;
    }
    try {
      LifecycleCalls.Answer answer = calls.heartbeat("at heartbeat");
      if (answer instanceof LifecycleCalls.Ended end) {
        steps.finish(end.outcome(), end.reason());
        return;
      }
      history = history.afterHeartbeat(((LifecycleCalls.Accepted) answer).at());
    } catch (GatePortException e) {
      // The next round's decision asks for the heartbeat again, since none was recorded.
      portFailed(e);
    }
    waitFor(w);
  }

  private void waitFor(Decision.Wait w) {
    Instant next = w.nextCheckAt();
    if (next.plus(policy.probeTimeout()).plus(options.callReserve()).isAfter(budgetEnd)) {
      handOver("time budget ends before the next check at " + next);
      return;
    }
    steps.at(next, this::round);
  }

  /**
   * Ends the run as HANDED_OVER because its budget ends, heartbeating first when the hook would
   * otherwise leave the next runner (a sweep up to a period away, its lookups and first probe round)
   * less than a heartbeat timeout minus the margin: the run's last in-budget heartbeat may be nearly a
   * timeout old, and the margin alone does not cover a sweep period.
   */
  private void handOver(String reason) {
    if (!hasTimeForCall() || !Decider.heartbeatBeforeHandOver(policy, hook, facts.current(), history, scheduler.now())) {
      steps.finish(Outcome.HANDED_OVER, reason);
      return;
    }
    steps.blocking(() -> {
      if (steps.finished()) {
        return;
      }
      String note;
      try {
        LifecycleCalls.Answer answer = calls.heartbeat("at the hand-over heartbeat");
        if (answer instanceof LifecycleCalls.Ended end) {
          steps.finish(end.outcome(), end.reason());
          return;
        }
        note = "; heartbeat sent for the next runner";
      } catch (GatePortException e) {
        portFailed(e);
        note = "; the hand-over heartbeat failed";
      }
      steps.finish(Outcome.HANDED_OVER, reason + note);
    });
  }

  private void complete(LifecycleResult verdict, String reason) {
    if (policy.shadowMode()) {
      steps.finish(Outcome.SHADOWED, "shadow mode, would complete " + verdict + ": " + reason);
      return;
    }
    if (!hasTimeForCall()) {
      steps.finish(Outcome.HANDED_OVER, "no time left to complete " + verdict + " safely: " + reason);
      return;
    }
    steps.blocking(() -> sendCompletion(verdict, reason));
  }

  /**
   * Looks the instance up once more before a CONTINUE and ends the run if it no longer waits as the action
   * says. A second run of the same action (a duplicate event, a sweep) can outlive the first: it kept
   * passing on facts looked up before the first run's CONTINUE, the stop and the warm start, and its
   * completion by instance id then continued the warm start's action before its boot was done (seen with
   * the console probe, whose ready line stays on the console). A failed lookup is reported and leaves the
   * decision as it was.
   *
   * @return the reason the run stopped, if it did
   */
  private Optional<String> stillWaitingAsTheActionSays() {
    try {
      Optional<String> stop = facts.refresh();
      stop.ifPresent(reason -> steps.finish(Outcome.STOPPED, reason));
      return stop;
    } catch (GatePortException e) {
      portFailed(e);
      return Optional.empty();
    }
  }

  private void sendCompletion(LifecycleResult verdict, String reason) {
    if (steps.finished()) {
      return;
    }
    if (verdict == LifecycleResult.CONTINUE && stillWaitingAsTheActionSays().isPresent()) {
      return;
    }
    try {
      LifecycleCalls.Answer answer = calls.complete(verdict);
      if (answer instanceof LifecycleCalls.Ended end) {
        steps.finish(end.outcome(), end.reason());
      } else {
        steps.finish(verdict == LifecycleResult.CONTINUE ? Outcome.CONTINUED : Outcome.ABANDONED, reason);
      }
    } catch (GatePortException e) {
      retryLater(e, () -> {
        if (gate.isClosed()) {
          steps.finish(Outcome.HANDED_OVER, "gate is shutting down before a retried completion");
        } else if (hasTimeForCall()) {
          steps.blocking(() -> sendCompletion(verdict, reason));
        } else {
          steps.finish(Outcome.HANDED_OVER, "no time left to retry completing " + verdict);
        }
      });
    }
  }

  // --- budget, failures, the end ----------------------------------------------------------------

  private boolean hasTimeForCall() {
    return !scheduler.now().plus(options.callReserve()).isAfter(budgetEnd);
  }

  private void retryLater(GatePortException e, Runnable retry) {
    portFailed(e);
    failures++;
    if (!e.retryable()) {
      steps.finish(Outcome.FAILED, e.getMessage());
      return;
    }
    Instant at = scheduler.now().plus(options.backoff(failures));
    if (gate.isClosed() || at.plus(options.callReserve()).isAfter(budgetEnd)) {
      steps.finish(Outcome.FAILED, "gave up within the time budget: " + e.getMessage());
      return;
    }
    steps.at(at, retry);
  }

  private void portFailed(GatePortException e) {
    Instant at = scheduler.now();
    gate.report("portFailed", l -> l.portFailed(action, e, at));
  }

  private void ended(Outcome outcome, String reason, Optional<Throwable> fault) {
    ActionFinished event =
        new ActionFinished(
            action,
            phase,
            outcome,
            probeCount,
            outcome == Outcome.CONTINUED || outcome == Outcome.SHADOWED ? timeToReady : Optional.empty(),
            reason,
            scheduler.now(),
            fault);
    gate.report("actionFinished", l -> l.actionFinished(event));
    gate.ended(this);
    result.complete(event);
  }
}
