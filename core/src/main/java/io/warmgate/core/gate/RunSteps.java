package io.warmgate.core.gate;

import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.Scheduler;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Runs one run's steps one after another (a blocking call on the executor, a later round at its time) and
 * ends the run exactly once. A step that throws ends the run FAILED with the error as its fault, so a bug
 * ends the run visibly instead of leaving its stage hanging forever.
 *
 * <p>Thread-safe: a shutdown may end a run that is only waiting for its timer ({@link #abortIfIdle()}).
 */
final class RunSteps {

  /** Told the run's end, once. */
  @FunctionalInterface
  interface End {
    void ended(Outcome outcome, String reason, Optional<Throwable> fault);
  }

  private final Executor executor;
  private final Scheduler scheduler;
  private final BooleanSupplier closing;
  private final End end;
  // Guarded by this.
  private boolean finished;
  private boolean idle;
  private Scheduler.Cancellable timer;

  /**
   * @param closing true once the gate shuts down: no new timers then
   * @param end told the run's end
   */
  RunSteps(Executor executor, Scheduler scheduler, BooleanSupplier closing, End end) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.closing = Objects.requireNonNull(closing, "closing");
    this.end = Objects.requireNonNull(end, "end");
  }

  /** Runs a blocking step on the executor. */
  void blocking(Runnable step) {
    try {
      executor.execute(() -> guarded(step));
    } catch (RejectedExecutionException e) {
      finish(Outcome.FAILED, "the gate's executor refused work: " + e.getMessage(), Optional.of(e));
    }
  }

  /** Runs {@code step} at {@code at}, the run idle until then; ends the run HANDED_OVER if the gate is shutting down. */
  void at(Instant at, Runnable step) {
    if (closing.getAsBoolean()) {
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

  /** Runs a step now, on this thread. */
  void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      finish(Outcome.FAILED, "internal error: " + e, Optional.of(e));
    }
  }

  /** Ends the run now if it is only waiting for its timer (a shutdown). */
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

  synchronized boolean finished() {
    return finished;
  }

  /** Ends the run, unless it has ended already. */
  void finish(Outcome outcome, String reason) {
    finish(outcome, reason, Optional.empty());
  }

  private void finish(Outcome outcome, String reason, Optional<Throwable> fault) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
    }
    end.ended(outcome, reason, fault);
  }
}
