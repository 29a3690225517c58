package io.warmgate.core.gate;

import io.warmgate.core.port.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The production scheduler: time from an injected {@link Clock}, tasks on a {@link
 * ScheduledExecutorService}.
 *
 * <p>Delays are the clock's distance to the due time, measured when the task is scheduled, so the clock
 * should advance at the speed of real time (the system clock). The executor belongs to the caller, who
 * shuts it down. Thread-safe.
 */
public final class ExecutorScheduler implements Scheduler {

  private final Clock clock;
  private final ScheduledExecutorService executor;

  /**
   * @param clock the source of {@link #now()}
   * @param executor runs the tasks; a thread or two is plenty, tasks are short
   */
  public ExecutorScheduler(Clock clock, ScheduledExecutorService executor) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Cancellable scheduleAt(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    long delayNanos;
    try {
      delayNanos = Math.max(0, Duration.between(clock.instant(), at).toNanos());
    } catch (ArithmeticException e) {
      delayNanos = Long.MAX_VALUE / 2; // centuries away: effectively never
    }
    ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
