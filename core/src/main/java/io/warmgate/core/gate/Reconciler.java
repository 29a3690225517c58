package io.warmgate.core.gate;

import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The daemon's reconcile loop: sweeps the managed groups at a fixed period on the scheduler, so that
 * every waiting instance is gated without events, Lambda or queue.
 *
 * <p>Each sweep gives its actions the budget {@code now + runBudget}. Actions still being gated from an
 * earlier sweep are not started twice: the gate shares their run and extends its budget, so while the
 * loop ticks a run never runs out of time, and when it stops the runs hand over within {@code
 * runBudget}. A sweep's report arrives when all its actions have ended, which for a slow instance is
 * minutes after the sweep began. Thread-safe.
 */
public final class Reconciler implements AutoCloseable {

  private final Sweeper sweeper;
  private final Scheduler scheduler;
  private final Duration every;
  private final Duration runBudget;
  private final Consumer<SweepReport> onReport;
  private Scheduler.Cancellable next;
  private boolean started;
  private boolean closed;

  /**
   * @param sweeper sweeps the managed groups
   * @param scheduler the clock and timer of the loop
   * @param every the period between sweeps (e.g. 1 min)
   * @param runBudget the budget each sweep gives its actions; longer than {@code every}
   * @param onReport receives each sweep's report; must not throw
   * @throws IllegalArgumentException if a duration is not positive
   * @throws IllegalStateException if runBudget is not longer than every (runs would hand over between ticks)
   */
  public Reconciler(Sweeper sweeper, Scheduler scheduler, Duration every, Duration runBudget, Consumer<SweepReport> onReport) {
    this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.every = Objects.requireNonNull(every, "every");
    this.runBudget = Objects.requireNonNull(runBudget, "runBudget");
    this.onReport = Objects.requireNonNull(onReport, "onReport");
    if (every.isNegative() || every.isZero() || runBudget.isNegative() || runBudget.isZero()) {
      throw new IllegalArgumentException("every and runBudget must be positive: " + every + ", " + runBudget);
    }
    if (runBudget.compareTo(every) <= 0) {
      throw new IllegalStateException("runBudget " + runBudget + " must be longer than the period " + every);
    }
  }

  /**
   * Sweeps at once, then every period until {@link #close()}.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "reconciler is closed" : "reconciler already started");
    }
    started = true;
    tick();
  }

  private void tick() {
    Instant now;
    synchronized (this) {
      if (closed) {
        return;
      }
      now = scheduler.now();
      next = scheduler.scheduleAt(now.plus(every), this::tick);
    }
    sweeper.sweep(now.plus(runBudget)).thenAccept(report -> {
      try {
        onReport.accept(report);
      } catch (RuntimeException e) {
        // A report consumer must not throw; the loop matters more than one report, but the failure is
        // handed to the thread's uncaught-exception handler rather than dropped (core has no logger).
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, new IllegalStateException("the sweep report consumer threw", e));
      }
    });
  }

  /** Stops sweeping; runs in flight go on until their budget or the gate's shutdown. */
  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel();
    }
  }
}
