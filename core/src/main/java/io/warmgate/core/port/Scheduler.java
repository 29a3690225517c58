package io.warmgate.core.port;

import java.time.Clock;
import java.time.Instant;

/**
 * The gate's only source of time: reads the clock and runs tasks later.
 *
 * <p>Implementations: the system clock with a scheduled executor for production, the emulator's
 * accelerated clock for demos, a manually advanced fake for tests. Tasks must be short and must not
 * block; they run on the scheduler's threads. Implementations are thread-safe.
 */
public interface Scheduler {

  /** The current instant on this scheduler's clock. */
  Instant now();

  /**
   * Runs {@code task} once, at or soon after {@code at} on this scheduler's clock (immediately if it has
   * passed).
   *
   * @return a handle that cancels the task if it has not started
   */
  Cancellable scheduleAt(Instant at, Runnable task);

  /**
   * This scheduler's time as a UTC {@link Clock}, for adapters that age things by a clock (caches), so
   * they follow the same, possibly accelerated or virtual, time as the gate.
   */
  default Clock asClock() {
    return new SchedulerClock(this);
  }

  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run; harmless otherwise. */
    void cancel();
  }
}
