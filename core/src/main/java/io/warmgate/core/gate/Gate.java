package io.warmgate.core.gate;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Instances;
import io.warmgate.core.port.LaunchOrigins;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.LifecycleHooks;
import io.warmgate.core.port.Scheduler;
import io.warmgate.core.probe.Probe;
import io.warmgate.core.probe.ProbeFactory;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.probe.ProbeTarget;
import io.warmgate.core.probe.Probes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs lifecycle actions to their end: checks that an action is real and ours, probes the instance,
 * decides with {@link Decider}, heartbeats, and completes.
 *
 * <p>Each action is a small state machine driven by the {@link Scheduler}: a probe round, a decision,
 * then either a port call or a timer for the next round. No thread waits for an instance; blocking port
 * calls run on the executor given, probes are asynchronous. One gate can so watch a thousand waiting
 * instances on a couple of threads.
 *
 * <p>Every run ends with one {@link ActionFinished}: CONTINUED or ABANDONED after a completion,
 * ALREADY_COMPLETED when Auto Scaling says the action is no longer active, SHADOWED in shadow mode,
 * STOPPED when the instance or action is gone or not ours (terminating actions included), HANDED_OVER
 * when the time budget or a shutdown ends the run (the action keeps waiting and the next sweep resumes
 * it), FAILED when a port kept failing or the configuration is invalid. Thread-safe.
 */
public final class Gate implements AutoCloseable {

  private final Instances instances;
  private final LifecycleHooks hooks;
  private final LifecycleActions actions;
  private final LaunchOrigins origins;
  private final Scheduler scheduler;
  private final Executor executor;
  private final PolicyResolver resolver;
  private final ProbeFactory probes;
  private final GateListener listener;
  private final GateOptions options;
  private final Probes ownedProbes;
  // One map, so a duplicate always finds the run it joins (and can extend its budget) the moment the
  // run is registered; two maps left a window where the duplicate saw the future but not the run.
  private final Map<String, ActionRun> runs = new ConcurrentHashMap<>();
  private final Object lifecycle = new Object();
  private final AtomicLong listenerFailures = new AtomicLong();
  private volatile boolean closed;

  /** Returns a builder; see {@link GateBuilder} for what is required and the defaults. */
  public static GateBuilder builder() {
    return new GateBuilder();
  }

  Gate(
      Instances instances,
      LifecycleHooks hooks,
      LifecycleActions actions,
      LaunchOrigins origins,
      Scheduler scheduler,
      Executor executor,
      PolicyResolver resolver,
      ProbeFactory probes,
      GateListener listener,
      GateOptions options,
      Probes ownedProbes) {
    this.instances = Objects.requireNonNull(instances, "instances");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.origins = Objects.requireNonNull(origins, "origins");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.probes = Objects.requireNonNull(probes, "probes");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = Objects.requireNonNull(options, "options");
    this.ownedProbes = ownedProbes;
  }

  // The gate's parts, for GateCheck, which runs one round with them exactly as the gate would.
  Instances instances() {
    return instances;
  }

  LifecycleHooks hooks() {
    return hooks;
  }

  LaunchOrigins origins() {
    return origins;
  }

  ProbeFactory probes() {
    return probes;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /** The resolver of this gate's policies (print {@code policies().base()} at startup). */
  public PolicyResolver policies() {
    return resolver;
  }

  /** This gate's loop tuning (a runner checks its budget against {@link RunBudget#least}). */
  public GateOptions options() {
    return options;
  }

  /** The number of actions being gated right now. */
  public int inFlight() {
    return runs.size();
  }

  /**
   * Gates one lifecycle action until it is completed, gone, or {@code budgetEnd} (on the scheduler's
   * clock) comes too close to do more.
   *
   * <p>Returns at once. A second call for the same action (same group, hook and instance) while the first
   * runs returns the first run's outcome, extending its budget if the second call's ends later, and makes
   * the run look the instance up again at its next round, so a sweep's fresh facts correct a run started
   * from an event: duplicate events are harmless. The stage never completes exceptionally.
   */
  public CompletionStage<ActionFinished> run(LifecycleAction action, Instant budgetEnd) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(budgetEnd, "budgetEnd");
    ActionRun run = new ActionRun(action, budgetEnd, new CompletableFuture<>());
    ActionRun existing;
    // Registering and closing exclude each other: a run registered here is one that shutdown waits for
    // before it closes the probes; checking closed first and registering after left a window in which a
    // run started on probes that a concurrent shutdown had already closed.
    synchronized (lifecycle) {
      if (closed) {
        ActionFinished f =
            new ActionFinished(action, action.phase(), Outcome.HANDED_OVER, 0, Optional.empty(), "gate is shut down", scheduler.now());
        safely("actionFinished", () -> listener.actionFinished(f));
        return CompletableFuture.completedFuture(f);
      }
      existing = runs.putIfAbsent(action.key(), run);
    }
    if (existing != null) {
      existing.joinedBy(budgetEnd);
      return existing.result.copy();
    }
    run.start();
    return run.result.copy();
  }

  /**
   * A sweep's fresh facts about one group: every run of {@code groupName} whose action (its {@link
   * LifecycleAction#key()}) is not in {@code found}, the actions the sweep found waiting, looks its instance
   * up again at its next round, so a run whose instance, hook or group has gone stops then.
   */
  void recheckAllBut(String groupName, Set<String> found) {
    for (ActionRun run : runs.values()) {
      if (run.action.groupName().equals(groupName) && !found.contains(run.action.key())) {
        run.recheckWanted = true;
      }
    }
  }

  /**
   * Stops gating: no new runs, no new probe rounds; runs waiting for their next round end at once as
   * HANDED_OVER, and calls already sent (a completion, a heartbeat) finish first.
   *
   * @return a stage that completes when every run has ended
   */
  public CompletionStage<Void> shutdown() {
    synchronized (lifecycle) {
      closed = true;
    }
    for (ActionRun run : runs.values()) {
      run.abortIfIdle();
    }
    CompletableFuture<?>[] all = runs.values().stream().map(r -> r.result).toArray(CompletableFuture<?>[]::new);
    return CompletableFuture.allOf(all).whenComplete((v, t) -> closeProbes());
  }

  /**
   * Shuts down and waits up to a minute for calls in flight to finish. Call it from the runner's own
   * thread, never from the scheduler's or the executor's (they may be needed to finish those calls).
   */
  @Override
  public void close() {
    try {
      shutdown().toCompletableFuture().get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the runs report their own ends; nothing more to do here
    }
  }

  private void closeProbes() {
    if (ownedProbes != null) {
      ownedProbes.close();
    }
  }

  /**
   * Calls the listener. A listener must not throw; if it does, the gate's work matters more than the
   * report, so the run goes on. The first failure goes to the thread's uncaught-exception handler (the
   * JDK's default prints its stack trace; a runner may install one that logs), later ones are only
   * counted, so a broken listener is seen without flooding the log.
   */
  private void safely(String event, Runnable listenerCall) {
    try {
      listenerCall.run();
    } catch (RuntimeException e) {
      if (listenerFailures.getAndIncrement() == 0) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(
            t, new IllegalStateException("the gate's listener threw on " + event + "; later failures are only counted", e));
      }
    }
  }

  /** How many times the listener threw (each failure is otherwise ignored, see {@link GateListener}). */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /** One action's state machine. Steps run one after another, so fields need no locking except against shutdown. */
  private final class ActionRun {
    private final LifecycleAction action;
    // What heartbeats and completions name: the action, until Auto Scaling refuses its token (see tokenRefused).
    private LifecycleAction callAs;
    private volatile Instant budgetEnd;
    private final CompletableFuture<ActionFinished> result;
    private Phase phase;
    private LifecycleHook hook;
    private ReadinessPolicy policy;
    private List<ProbeSpec> specs;
    private List<Probe> probeList;
    private InstanceFacts facts;
    private Instant factsAt;
    private boolean refreshWanted;
    // Set by a later runner (the next sweep) joining this run: look the instance up again at the next round.
    private volatile boolean recheckWanted;
    private int refreshFailures;
    private Instant refreshNotBefore;
    private ProbeHistory history;
    private int probeCount;
    private int failures;
    private Optional<Duration> timeToReady = Optional.empty();
    // Guarded by this: shutdown may end a run that is only waiting for its timer.
    private boolean finished;
    private boolean idle;
    private Scheduler.Cancellable timer;

    ActionRun(LifecycleAction action, Instant budgetEnd, CompletableFuture<ActionFinished> result) {
      this.action = action;
      this.callAs = action;
      this.budgetEnd = budgetEnd;
      this.result = result;
      this.phase = action.phase();
    }

    void start() {
      if (action.transition() == LifecycleTransition.TERMINATING) {
        finish(Outcome.STOPPED, "terminating actions are not the gate's to decide; ignored");
        return;
      }
      if (!hasTimeForCall()) {
        finish(Outcome.HANDED_OVER, "no time budget left to start");
        return;
      }
      blocking(this::lookUp);
    }

    // --- steps ------------------------------------------------------------------------------------

    private void lookUp() {
      Optional<InstanceFacts> found;
      Optional<LifecycleHook> foundHook;
      try {
        found = instances.describe(action.instanceId());
        if (found.isEmpty()) {
          finish(Outcome.STOPPED, "instance " + action.instanceId() + " not found");
          return;
        }
        foundHook = hook != null ? Optional.of(hook) : hooks.find(action.groupName(), action.hookName());
      } catch (GatePortException e) {
        retryLater(e, () -> blocking(this::lookUp));
        return;
      }
      if (foundHook.isEmpty()) {
        finish(Outcome.STOPPED, "hook " + action.hookName() + " not found in group " + action.groupName());
        return;
      }
      hook = foundHook.get();
      if (hook.transition() != LifecycleTransition.LAUNCHING) {
        finish(Outcome.STOPPED, "hook " + action.hookName() + " is a terminating hook; not the gate's to decide");
        return;
      }
      facts = found.get();
      factsAt = scheduler.now();
      failures = 0;
      Optional<Decision.Stop> notOurs = Decider.verify(action, facts);
      if (notOurs.isPresent()) {
        finish(Outcome.STOPPED, notOurs.get().reason());
        return;
      }
      try {
        // Auto Scaling's scaling activities tell a warm start from a cold start, not an event's Origin (anyone's
        // to write), and a sweep that resumes a handed-over warm start keeps its policy.
        phase = LaunchPhase.of(action, facts, origins);
      } catch (GatePortException e) {
        portFailed(e);
        phase = LaunchPhase.withoutOrigin(action, facts);
      }
      try {
        // The hook as Auto Scaling describes it, never the event: anyone who can send an event can write its
        // NotificationMetadata (a forged 1 s deadline that continues at the deadline passed an unready instance).
        policy = resolver.resolve(hook.hookName(), hook.notificationMetadata()).forPhase(phase);
      } catch (InvalidConfigurationException e) {
        finish(Outcome.FAILED, "invalid configuration: " + e.getMessage());
        return;
      }
      Map<String, String> settings = PhasePolicies.all(policy).toSettings();
      safely("policyResolved", () -> listener.policyResolved(action, phase, settings));
      specs = policy.probes();
      probeList = new ArrayList<>();
      for (ProbeSpec spec : specs) {
        probeList.add(probes.from(spec));
      }
      history = ProbeHistory.start(factsAt);
      round();
    }

    private void round() {
      synchronized (this) {
        if (finished) {
          return;
        }
        idle = false;
      }
      if (closed) {
        finish(Outcome.HANDED_OVER, "gate is shutting down");
        return;
      }
      Instant now = scheduler.now();
      if (now.plus(policy.probeTimeout()).plus(options.callReserve()).isAfter(budgetEnd)) {
        handOver("time budget ends before another probe round could finish");
        return;
      }
      Duration age = Duration.between(factsAt, now);
      boolean stale = age.compareTo(options.factsRefreshEvery()) >= 0;
      boolean suspect = refreshWanted && age.compareTo(options.factsRefreshOnFailure()) >= 0;
      boolean noAddress = facts.privateIp().isEmpty() && age.compareTo(policy.interval()) >= 0;
      // A stopped instance's LaunchTime is an earlier boot's: look again every round until it runs.
      boolean notStarted = !facts.state().isBooting() && age.compareTo(policy.interval()) >= 0;
      boolean recheck = recheckWanted && age.compareTo(policy.interval()) >= 0;
      boolean allowed = refreshNotBefore == null || !now.isBefore(refreshNotBefore);
      if ((stale || suspect || noAddress || notStarted || recheck) && allowed) {
        blocking(this::refreshThenProbe);
      } else {
        probe();
      }
    }

    /**
     * Looks the instance up again into {@code facts}; ends the run STOPPED (and answers false) if it is gone.
     *
     * @throws GatePortException if the look-up failed
     */
    private boolean describeAgain() {
      Optional<InstanceFacts> found = instances.describe(action.instanceId());
      if (found.isEmpty()) {
        finish(Outcome.STOPPED, "instance " + action.instanceId() + " not found");
        return false;
      }
      facts = found.get();
      factsAt = scheduler.now();
      return true;
    }

    private void refreshThenProbe() {
      try {
        if (!describeAgain()) {
          return;
        }
        refreshWanted = false;
        recheckWanted = false;
        refreshFailures = 0;
        refreshNotBefore = null;
        Optional<Decision.Stop> gone = Decider.verify(action, facts);
        if (gone.isPresent()) {
          finish(Outcome.STOPPED, gone.get().reason());
          return;
        }
      } catch (GatePortException e) {
        // Probing goes on with what is known; the lookup is tried again after a backoff growing to the
        // failure refresh period, so a throttled API is not asked every round for every instance.
        portFailed(e);
        refreshFailures++;
        Duration pause = options.retryBackoffMin().multipliedBy(1L << Math.min(refreshFailures - 1, 20));
        if (pause.compareTo(options.factsRefreshOnFailure()) > 0) {
          pause = options.factsRefreshOnFailure();
        }
        refreshNotBefore = scheduler.now().plus(pause);
      }
      probe();
    }

    private void probe() {
      if (isFinished()) {
        return;
      }
      ProbeTarget target = new ProbeTarget(action.instanceId(), facts.privateIp().orElse(""), facts.launchTime());
      ProbeRound.run(specs, probeList, target, policy.probeTimeout(), scheduler)
          .thenAccept(results -> guarded(() -> decide(results)));
    }

    private void decide(List<ProbeResult> results) {
      if (isFinished()) {
        return;
      }
      Instant now = scheduler.now();
      boolean passed = results.stream().allMatch(ProbeResult::passed);
      probeCount += results.size();
      history = history.afterRound(passed, now);
      if (!passed) {
        refreshWanted = true;
      }
      Decision decision = Decider.decide(policy, hook, action, facts, history, now);
      GateListener.DecisionMade event = new GateListener.DecisionMade(action, phase, results, decision, now);
      safely("decisionMade", () -> listener.decisionMade(event));
      if (decision instanceof Decision.Continue c) {
        if (history.consecutivePasses() >= policy.consecutiveSuccesses()) {
          timeToReady = Optional.of(Duration.between(facts.launchTime(), now));
        }
        complete(LifecycleResult.CONTINUE, c.reason());
      } else if (decision instanceof Decision.Abandon a) {
        complete(LifecycleResult.ABANDON, a.reason());
      } else if (decision instanceof Decision.Stop s) {
        finish(Outcome.STOPPED, s.reason());
      } else if (decision instanceof Decision.Wait w) {
        if (w.heartbeatNow() && !policy.shadowMode()) {
          if (hasTimeForCall()) {
            blocking(() -> heartbeat(w));
          } else {
            finish(Outcome.HANDED_OVER, "no time left to send a due heartbeat");
          }
        } else {
          waitFor(w);
        }
      } else {
        throw new IllegalStateException("unhandled decision " + decision);
      }
    }

    private void heartbeat(Decision.Wait w) {
      if (isFinished()) {
        return;
      }
      try {
        LifecycleActions.Outcome outcome = actions.recordHeartbeat(callAs);
        Instant at = scheduler.now();
        safely("heartbeatSent", () -> listener.heartbeatSent(action, outcome, at));
        if (outcome == LifecycleActions.Outcome.NOT_ACTIVE) {
          if (callAs.token().isPresent()) {
            tokenRefused(() -> heartbeat(w));
          } else {
            finish(Outcome.ALREADY_COMPLETED, "the action is no longer active (found at heartbeat)");
          }
          return;
        }
        history = history.afterHeartbeat(at);
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
      schedule(next, this::round);
    }

    /**
     * Ends the run as HANDED_OVER because its budget ends, heartbeating first when the hook would
     * otherwise leave the next runner (a sweep up to a period away, its lookups and first probe round)
     * less than a heartbeat timeout minus the margin: the run's last in-budget heartbeat may be nearly a
     * timeout old, and the margin alone does not cover a sweep period.
     */
    private void handOver(String reason) {
      if (!hasTimeForCall() || !Decider.heartbeatBeforeHandOver(policy, hook, facts, history, scheduler.now())) {
        finish(Outcome.HANDED_OVER, reason);
        return;
      }
      blocking(() -> {
        if (isFinished()) {
          return;
        }
        String note;
        try {
          LifecycleActions.Outcome outcome = actions.recordHeartbeat(action);
          Instant at = scheduler.now();
          safely("heartbeatSent", () -> listener.heartbeatSent(action, outcome, at));
          if (outcome == LifecycleActions.Outcome.NOT_ACTIVE) {
            finish(Outcome.ALREADY_COMPLETED, "the action is no longer active (found at the hand-over heartbeat)");
            return;
          }
          note = "; heartbeat sent for the next runner";
        } catch (GatePortException e) {
          portFailed(e);
          note = "; the hand-over heartbeat failed";
        }
        finish(Outcome.HANDED_OVER, reason + note);
      });
    }

    private void complete(LifecycleResult verdict, String reason) {
      if (policy.shadowMode()) {
        finish(Outcome.SHADOWED, "shadow mode, would complete " + verdict + ": " + reason);
        return;
      }
      if (!hasTimeForCall()) {
        finish(Outcome.HANDED_OVER, "no time left to complete " + verdict + " safely: " + reason);
        return;
      }
      blocking(() -> sendCompletion(verdict, reason));
    }

    private void sendCompletion(LifecycleResult verdict, String reason) {
      if (isFinished()) {
        return;
      }
      try {
        LifecycleActions.Outcome outcome = actions.complete(callAs, verdict);
        if (outcome == LifecycleActions.Outcome.NOT_ACTIVE && callAs.token().isPresent()) {
          tokenRefused(() -> sendCompletion(verdict, reason));
        } else if (outcome == LifecycleActions.Outcome.NOT_ACTIVE) {
          finish(Outcome.ALREADY_COMPLETED, "the action is no longer active (found at completion)");
        } else {
          finish(verdict == LifecycleResult.CONTINUE ? Outcome.CONTINUED : Outcome.ABANDONED, reason);
        }
      } catch (GatePortException e) {
        retryLater(e, () -> {
          if (closed) {
            finish(Outcome.HANDED_OVER, "gate is shutting down before a retried completion");
          } else if (hasTimeForCall()) {
            blocking(() -> sendCompletion(verdict, reason));
          } else {
            finish(Outcome.HANDED_OVER, "no time left to retry completing " + verdict);
          }
        });
      }
    }

    /**
     * Auto Scaling knows no active action by the token the action arrived with. Anyone who can send the gate an event can make a token up, and a real event for the same instance joins
     * this run: a refused token must not end the instance's wait. So the run drops the token, checks with
     * Auto Scaling that the instance still waits as verified (group, hook's phase), and goes on by instance
     * id, whose answer is final. A real token refused because its action did end finds the instance moved on.
     */
    private void tokenRefused(Runnable byInstanceId) {
      callAs = action.withoutToken();
      try {
        if (!describeAgain()) {
          return;
        }
      } catch (GatePortException e) {
        retryLater(e, () -> blocking(() -> tokenRefused(byInstanceId)));
        return;
      }
      Optional<Decision.Stop> movedOn = Decider.verify(action, facts);
      if (movedOn.isPresent()) {
        finish(Outcome.ALREADY_COMPLETED, "the action is no longer active (its token was refused and " + movedOn.get().reason() + ")");
        return;
      }
      byInstanceId.run();
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private boolean hasTimeForCall() {
      return !scheduler.now().plus(options.callReserve()).isAfter(budgetEnd);
    }

    private void retryLater(GatePortException e, Runnable retry) {
      portFailed(e);
      failures++;
      if (!e.retryable()) {
        finish(Outcome.FAILED, e.getMessage());
        return;
      }
      Instant at = scheduler.now().plus(options.backoff(failures));
      if (closed || at.plus(options.callReserve()).isAfter(budgetEnd)) {
        finish(Outcome.FAILED, "gave up within the time budget: " + e.getMessage());
        return;
      }
      schedule(at, retry);
    }

    private void portFailed(GatePortException e) {
      Instant at = scheduler.now();
      safely("portFailed", () -> listener.portFailed(action, e, at));
    }

    private void schedule(Instant at, Runnable step) {
      if (closed) {
        finish(Outcome.HANDED_OVER, "gate is shutting down");
        return;
      }
      synchronized (this) {
        if (finished) {
          return;
        }
        idle = true;
        timer = scheduler.scheduleAt(at, () -> wake(step));
      }
    }

    /**
     * Runs a timer's step. The run stops being idle the moment its timer fires, whatever the step is:
     * a retried completion or lookup is a call in flight that a shutdown must let finish, not a wait
     * that it may end as HANDED_OVER.
     */
    private void wake(Runnable step) {
      synchronized (this) {
        if (finished) {
          return;
        }
        idle = false;
      }
      guarded(step);
    }

    /** Runs a blocking step on the executor. */
    private void blocking(Runnable step) {
      try {
        executor.execute(() -> guarded(step));
      } catch (RejectedExecutionException e) {
        finish(Outcome.FAILED, "the gate's executor refused work: " + e.getMessage());
      }
    }

    private void guarded(Runnable step) {
      try {
        step.run();
      } catch (RuntimeException | Error e) {
        // A bug must end the run visibly, not leave its stage hanging forever.
        finish(Outcome.FAILED, "internal error: " + e);
      }
    }

    /** A later runner reported the same action: it may give the run more time, and its facts are due again. */
    synchronized void joinedBy(Instant later) {
      if (later.isAfter(budgetEnd)) {
        budgetEnd = later;
      }
      recheckWanted = true;
    }

    void abortIfIdle() {
      Scheduler.Cancellable t;
      synchronized (this) {
        if (finished || !idle) {
          return;
        }
        t = timer;
      }
      if (t != null) {
        t.cancel();
      }
      finish(Outcome.HANDED_OVER, "gate is shutting down");
    }

    private synchronized boolean isFinished() {
      return finished;
    }

    private void finish(Outcome outcome, String reason) {
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
      }
      ActionFinished event =
          new ActionFinished(
              action,
              phase,
              outcome,
              probeCount,
              outcome == Outcome.CONTINUED || outcome == Outcome.SHADOWED ? timeToReady : Optional.empty(),
              reason,
              scheduler.now());
      safely("actionFinished", () -> listener.actionFinished(event));
      runs.remove(action.key(), this);
      result.complete(event);
    }
  }
}
