package io.warmgate.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * Supplies the emulator's simulated time and runs tasks at simulated instants. Every timer in the emulator (boots,
 * heartbeat timeouts, pool refills) is scheduled here, so in-process users that schedule on the same clock see the
 * same world.
 *
 * <p>Two implementations: an {@linkplain #accelerated(double, Instant) accelerated} clock follows the JVM's
 * monotonic clock multiplied by a speed factor, and a {@linkplain #virtual(Instant) virtual} clock stands still
 * until {@link #advance(Duration)} moves it, then runs every task due on the way, in due order, at its own instant,
 * on the advancing thread (tests use it to make timeouts exact).
 *
 * <p>Two kinds of tasks: {@link #schedule} / {@link #scheduleAt} / {@link #scheduleAtFixedRate} may block (an HTTP
 * call, a probe); {@link #scheduleNonBlocking} is for short tasks, run in deadline order with the emulator's own
 * timers, so that a slow user task never delays them. A task that throws is logged; the clock goes on.
 * Implementations are thread-safe.
 */
public sealed interface EmulatorClock extends AutoCloseable permits AcceleratedClock, VirtualClock {

  /**
   * Creates a clock that runs {@code speed} times faster than real time, from {@code origin}.
   *
   * @param speed how many simulated seconds pass per real second; 1.0 is real time
   * @param origin the simulated instant at which this clock starts
   * @throws IllegalArgumentException if speed is not a finite number in (0, 100000]
   */
  static EmulatorClock accelerated(double speed, Instant origin) {
    return new AcceleratedClock(speed, origin);
  }

  /**
   * Creates a virtual clock: simulated time starts at {@code origin} and moves only when {@link #advance(Duration)}
   * is called. Its {@link #speed()} is infinite and {@link #toReal} is always zero: no real time needs to pass.
   */
  static EmulatorClock virtual(Instant origin) {
    return new VirtualClock(origin);
  }

  /** Returns whether this clock is virtual (moved only by {@link #advance(Duration)}). */
  boolean isVirtual();

  /**
   * Moves a virtual clock forward by a simulated duration, running every task due on the way in due order, each at
   * its own instant, on the calling thread; tasks they schedule within the duration run too. Call it without
   * holding locks the tasks take (the emulator's engine).
   *
   * @throws IllegalStateException if the clock follows real time
   * @throws IllegalArgumentException if the duration is negative
   */
  void advance(Duration simulated);

  /** Returns the current simulated instant. */
  Instant now();

  /** Returns the speed factor: simulated seconds per real second (infinite for a virtual clock). */
  double speed();

  /** Returns the simulated instant at which the clock started. */
  Instant origin();

  /** Converts a simulated duration into the real duration it takes at this speed (never negative). */
  Duration toReal(Duration simulated);

  /** Converts a real duration into the simulated duration that passes meanwhile. */
  Duration toSimulated(Duration real);

  /**
   * Runs a task once after a simulated delay; the task may block.
   *
   * @return a future that cancels the task; its delay is reported in real time
   */
  ScheduledFuture<?> schedule(Duration simulatedDelay, Runnable task);

  /**
   * Runs a task repeatedly, first after a simulated initial delay and then every simulated period; the task may
   * block. A run that throws is logged and the schedule goes on.
   *
   * @throws IllegalArgumentException if the period is not positive
   */
  ScheduledFuture<?> scheduleAtFixedRate(Duration simulatedInitialDelay, Duration simulatedPeriod, Runnable task);

  /**
   * Runs a short, non-blocking task once after a simulated delay, in deadline order with the emulator's own
   * timers. Do not block in it.
   */
  ScheduledFuture<?> scheduleNonBlocking(Duration simulatedDelay, Runnable task);

  /**
   * The longest a one-shot timer task started after its due instant so far, in simulated time. On a machine that
   * keeps up this stays near zero; when it grows past the scale of what is being timed (probe intervals, heartbeat
   * margins), results measured on this clock are not to be trusted. A virtual clock is never late.
   */
  Duration maxLateness();

  /** Sleeps the calling thread for a simulated duration (on a virtual clock, until another thread advances it). */
  void sleep(Duration simulated) throws InterruptedException;

  /** Stops the clock's threads; pending tasks are dropped. */
  @Override
  void close();

  /** Runs a task once at a simulated instant (immediately if it has passed); the task may block. */
  default ScheduledFuture<?> scheduleAt(Instant simulatedInstant, Runnable task) {
    Objects.requireNonNull(simulatedInstant, "simulatedInstant");
    return schedule(Duration.between(now(), simulatedInstant), task);
  }

  /** Like {@link #scheduleNonBlocking(Duration, Runnable)}, at a simulated instant. */
  default ScheduledFuture<?> scheduleNonBlockingAt(Instant simulatedInstant, Runnable task) {
    Objects.requireNonNull(simulatedInstant, "simulatedInstant");
    return scheduleNonBlocking(Duration.between(now(), simulatedInstant), task);
  }

  /** Returns a {@link Clock} view (UTC) of the simulated time, for code that takes a java.time clock. */
  default Clock asJavaClock() {
    return new SimulatedClock(this, ZoneOffset.UTC);
  }
}
