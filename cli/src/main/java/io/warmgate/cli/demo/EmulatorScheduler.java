package io.warmgate.cli.demo;

import io.warmgate.core.port.Scheduler;
import io.warmgate.emulator.EmulatorClock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Future;

/**
 * The gate's {@link Scheduler} over the emulator's clock, so an in-process gate waits, heartbeats
 * and meets deadlines in the same simulated time as the instances it gates.
 *
 * <p>Tasks run as the clock's blocking tasks ({@link EmulatorClock#scheduleAt}): on an accelerated
 * clock, on its pool of worker threads, not on the timer thread that runs the emulator's own timers,
 * so a gate task that overruns never delays a boot or a heartbeat timeout; on a virtual clock, on
 * the thread that advances it. Thread-safe.
 */
public final class EmulatorScheduler implements Scheduler {

  private final EmulatorClock clock;

  /** @param clock the emulator's clock */
  public EmulatorScheduler(EmulatorClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Instant now() {
    return clock.now();
  }

  @Override
  public Cancellable scheduleAt(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    Future<?> future = clock.scheduleAt(at, task);
    return () -> future.cancel(false);
  }
}
