package io.warmgate.core.gate;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.Instances;
import io.warmgate.core.port.LaunchOrigins;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.LifecycleHooks;
import io.warmgate.core.port.Scheduler;
import io.warmgate.core.probe.ProbeFactory;
import io.warmgate.core.probe.Probes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
 * it), FAILED when a port kept failing, the configuration is invalid, or the gate itself broke (then with
 * the error as {@link ActionFinished#fault()}). A run's parts are {@link ActionRun}'s. Thread-safe.
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

  // ... and for its runs.
  LifecycleActions actions() {
    return actions;
  }

  Executor executor() {
    return executor;
  }

  boolean isClosed() {
    return closed;
  }

  /** A run has ended: a later run of the same action is a new one. */
  void ended(ActionRun run) {
    runs.remove(run.action.key(), run);
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
    ActionRun run = new ActionRun(this, action, budgetEnd);
    ActionRun existing;
    // Registering and closing exclude each other: a run registered here is one that shutdown waits for
    // before it closes the probes; checking closed first and registering after left a window in which a
    // run started on probes that a concurrent shutdown had already closed.
    synchronized (lifecycle) {
      if (closed) {
        ActionFinished f =
            new ActionFinished(action, action.phase(), Outcome.HANDED_OVER, 0, Optional.empty(), "gate is shut down", scheduler.now());
        report("actionFinished", l -> l.actionFinished(f));
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
        run.recheck();
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
  void report(String event, Consumer<GateListener> listenerCall) {
    try {
      listenerCall.accept(listener);
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
}
