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
 * <p>A delay is the clock's distance to the due time when the task is scheduled, divided by the clock's
 * speed (1 for the system clock). The executor belongs to the caller, who shuts it down. Thread-safe.
 */
public final class ExecutorScheduler implements Scheduler {

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final double speed;

  /**
   * A scheduler on a clock that runs at the speed of real time (the system clock).
   *
   * @param clock the source of {@link #now()}
   * @param executor runs the tasks; a thread or two is plenty, tasks are short
   */
  public ExecutorScheduler(Clock clock, ScheduledExecutorService executor) {
    this(clock, executor, 1.0);
  }

  /**
   * A scheduler on a clock that runs {@code speed} times faster than real time (the emulator's
   * accelerated clock): a task due in 60 s of clock time runs after 60 / speed real seconds.
   *
   * @throws IllegalArgumentException if speed is not a positive finite number
   */
  public ExecutorScheduler(Clock clock, ScheduledExecutorService executor, double speed) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive finite number, got " + speed);
    }
    this.speed = speed;
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
      delayNanos = Math.max(0, (long) (Duration.between(clock.instant(), at).toNanos() / speed));
    } catch (ArithmeticException e) {
      delayNanos = Long.MAX_VALUE / 2; // centuries away: effectively never
    }
    ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
