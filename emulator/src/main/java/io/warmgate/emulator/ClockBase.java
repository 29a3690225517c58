package io.warmgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * What both {@link EmulatorClock}s do alike: hold their origin and check the arguments of {@code advance} and
 * {@code scheduleAtFixedRate} before handing them to the clock's own way of moving and repeating.
 */
abstract class ClockBase {
  private final Instant origin;

  ClockBase(Instant origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** See {@link EmulatorClock#origin()}. */
  public final Instant origin() {
    return origin;
  }

  /** See {@link EmulatorClock#advance(Duration)}. */
  public final void advance(Duration simulated) {
    Objects.requireNonNull(simulated, "simulated");
    advanceBy(simulated);
  }

  /** See {@link EmulatorClock#scheduleAtFixedRate(Duration, Duration, Runnable)}. */
  public final ScheduledFuture<?> scheduleAtFixedRate(Duration simulatedInitialDelay, Duration simulatedPeriod,
      Runnable task) {
    Objects.requireNonNull(simulatedInitialDelay, "simulatedInitialDelay");
    Objects.requireNonNull(simulatedPeriod, "simulatedPeriod");
    Objects.requireNonNull(task, "task");
    return repeat(simulatedInitialDelay, simulatedPeriod, task);
  }

  /** Moves the clock by a checked, non-null duration, or refuses to. */
  abstract void advanceBy(Duration simulated);

  /** Schedules a checked, non-null fixed-rate task; checks the period itself. */
  abstract ScheduledFuture<?> repeat(Duration simulatedInitialDelay, Duration simulatedPeriod, Runnable task);
}
