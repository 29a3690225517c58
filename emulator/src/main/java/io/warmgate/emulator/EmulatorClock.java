package io.warmgate.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the emulator's simulated time, which runs {@link #speed()} times faster than real time,
 * and runs tasks at simulated instants.
 *
 * <p>Simulated time starts at the instant given at construction and advances with the JVM's
 * monotonic clock multiplied by the speed factor. Every timer in the emulator (boots, heartbeat
 * timeouts, pool refills) is scheduled here, so in-process users that schedule on the same clock
 * see the same accelerated world. Tasks run on one daemon thread, in deadline order; a task must
 * not block. Thread-safe.
 */
public final class EmulatorClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorClock.class);

  private final double speed;
  private final Instant origin;
  private final long originNanos;
  private final ScheduledThreadPoolExecutor timers;

  /**
   * Creates a running clock.
   *
   * @param speed how many simulated seconds pass per real second; 1.0 is real time
   * @param origin the simulated instant at which this clock starts
   * @throws IllegalArgumentException if speed is not a finite number in (0, 100000]
   */
  public EmulatorClock(double speed, Instant origin) {
    if (!(speed > 0.0) || Double.isInfinite(speed) || speed > 100_000.0) {
      throw new IllegalArgumentException("speed must be in (0, 100000], got " + speed);
    }
    this.speed = speed;
    this.origin = Objects.requireNonNull(origin, "origin");
    this.originNanos = System.nanoTime();
    this.timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "emulator-clock");
      t.setDaemon(true);
      return t;
    });
    this.timers.setRemoveOnCancelPolicy(true);
  }

  /** Returns the current simulated instant. */
  public Instant now() {
    long realElapsed = System.nanoTime() - originNanos;
    return origin.plusNanos((long) (realElapsed * speed));
  }

  /** Returns the speed factor: simulated seconds per real second. */
  public double speed() {
    return speed;
  }

  /** Returns the simulated instant at which the clock started. */
  public Instant origin() {
    return origin;
  }

  /** Returns a {@link Clock} view (UTC) of the simulated time, for code that takes a java.time clock. */
  public Clock asJavaClock() {
    return new SimulatedClock(this, ZoneOffset.UTC);
  }

  /** Converts a simulated duration into the real duration it takes at this speed (never negative). */
  public Duration toReal(Duration simulated) {
    if (simulated.isNegative()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (simulated.toNanos() / speed));
  }

  /** Converts a real duration into the simulated duration that passes meanwhile. */
  public Duration toSimulated(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * speed));
  }

  /**
   * Runs a task once after a simulated delay.
   *
   * @return a future that cancels the task; its delay is reported in real time
   */
  public ScheduledFuture<?> schedule(Duration simulatedDelay, Runnable task) {
    Objects.requireNonNull(simulatedDelay, "simulatedDelay");
    Objects.requireNonNull(task, "task");
    long realNanos = toReal(simulatedDelay).toNanos();
    return timers.schedule(guarded(task), realNanos, TimeUnit.NANOSECONDS);
  }

  /** Runs a task once at a simulated instant (immediately if it has passed). */
  public ScheduledFuture<?> scheduleAt(Instant simulatedInstant, Runnable task) {
    Objects.requireNonNull(simulatedInstant, "simulatedInstant");
    return schedule(Duration.between(now(), simulatedInstant), task);
  }

  /** Sleeps the calling thread for a simulated duration. */
  public void sleep(Duration simulated) throws InterruptedException {
    long nanos = toReal(simulated).toNanos();
    TimeUnit.NANOSECONDS.sleep(nanos);
  }

  /** Stops the timer thread; pending tasks are dropped. */
  @Override
  public void close() {
    timers.shutdownNow();
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A failing timer must not kill the clock thread that every other timer shares.
        LOG.error("emulator timer task failed", e);
      }
    };
  }

  /** A java.time view of an emulator clock. */
  private static final class SimulatedClock extends Clock {
    private final EmulatorClock clock;
    private final ZoneId zone;

    SimulatedClock(EmulatorClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new SimulatedClock(clock, zone);
    }

    @Override
    public Instant instant() {
      return clock.now();
    }
  }
}
