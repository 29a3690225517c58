package io.warmgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmulatorClock} that does not follow real time: it stands still until {@link #advance(Duration)} moves
 * it, and then runs every task due on the way, in due order, at its own instant, on the advancing thread. It has no
 * threads of its own; blocking and non-blocking tasks share its one queue.
 */
final class VirtualClock extends ClockBase implements EmulatorClock {
  private final VirtualTime time;

  VirtualClock(Instant origin) {
    super(origin);
    this.time = new VirtualTime(origin);
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  void advanceBy(Duration simulated) {
    time.advance(simulated);
  }

  @Override
  public Instant now() {
    return time.now();
  }

  @Override
  public double speed() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public Duration toReal(Duration simulated) {
    return Duration.ZERO;
  }

  @Override
  public Duration toSimulated(Duration real) {
    return Duration.ZERO;
  }

  @Override
  public ScheduledFuture<?> schedule(Duration simulatedDelay, Runnable task) {
    Objects.requireNonNull(simulatedDelay, "simulatedDelay");
    Objects.requireNonNull(task, "task");
    return time.schedule(simulatedDelay, ClockTasks.guarded(task));
  }

  @Override
  ScheduledFuture<?> repeat(Duration simulatedInitialDelay, Duration simulatedPeriod, Runnable task) {
    if (simulatedPeriod.isNegative() || simulatedPeriod.isZero()) {
      throw new IllegalArgumentException("period must be positive, got " + simulatedPeriod);
    }
    return new Repeating(simulatedInitialDelay, simulatedPeriod, ClockTasks.guarded(task));
  }

  @Override
  public ScheduledFuture<?> scheduleNonBlocking(Duration simulatedDelay, Runnable task) {
    return schedule(simulatedDelay, task);
  }

  @Override
  public Duration maxLateness() {
    // It only moves when its tasks have run.
    return Duration.ZERO;
  }

  @Override
  public void sleep(Duration simulated) throws InterruptedException {
    // Another thread's advance() wakes it.
    time.sleep(simulated);
  }

  @Override
  public void close() {
    time.close();
  }

  /** A fixed-rate task on a virtual clock: each run queues the next; cancelling stops the chain. */
  private final class Repeating extends ResultlessFuture {
    private final Duration period;
    private final Runnable task;
    private volatile ScheduledFuture<?> next;
    private volatile boolean cancelled;

    Repeating(Duration initialDelay, Duration period, Runnable task) {
      super("a fixed-rate task never completes");
      this.period = period;
      this.task = task;
      this.next = time.schedule(initialDelay, this::runAndRequeue);
    }

    private void runAndRequeue() {
      if (cancelled) {
        return;
      }
      // Queued before the run, at a fixed rate from this run's due instant.
      next = time.schedule(period, this::runAndRequeue);
      task.run();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return next.getDelay(unit);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return next.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

}
