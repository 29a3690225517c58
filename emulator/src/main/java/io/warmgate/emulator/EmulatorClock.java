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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the emulator's simulated time, which runs {@link #speed()} times faster than real time,
 * and runs tasks at simulated instants.
 *
 * <p>Simulated time starts at the instant given at construction and advances with the JVM's
 * monotonic clock multiplied by the speed factor. Every timer in the emulator (boots, heartbeat
 * timeouts, pool refills) is scheduled here, so in-process users that schedule on the same clock
 * see the same accelerated world.
 *
 * <p>Two kinds of tasks: {@link #schedule} / {@link #scheduleAt} / {@link #scheduleAtFixedRate}
 * run on a small pool of worker threads and may block (an HTTP call, a probe);
 * {@link #scheduleNonBlocking} runs short tasks on the single timer thread, in deadline order,
 * which is what the emulator's own timers use, so a slow user task never delays them.
 *
 * <p>A {@linkplain #virtual(Instant) virtual} clock does not follow real time at all: it stands
 * still until {@link #advance(Duration)} moves it, and then runs every task due on the way, in due
 * order, at its own instant, on the advancing thread. Tests use it to make timeouts exact.
 * Thread-safe.
 */
public final class EmulatorClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorClock.class);

  private final double speed;
  private final Instant origin;
  private final long originNanos;
  private final ScheduledThreadPoolExecutor timers;
  private final ScheduledThreadPoolExecutor workers;
  /** Null for a clock that follows real time. */
  private final VirtualTime virtual;
  // The most a one-shot task started after its due time, in real nanoseconds: how far the machine fell
  // behind the accelerated world. Read as simulated time, since that is what the results are about.
  // A virtual clock is never late: it only moves when its tasks have run.
  private final AtomicLong maxLateNanos = new AtomicLong();

  /**
   * Creates a running clock.
   *
   * @param speed how many simulated seconds pass per real second; 1.0 is real time
   * @param origin the simulated instant at which this clock starts
   * @throws IllegalArgumentException if speed is not a finite number in (0, 100000]
   */
  public EmulatorClock(double speed, Instant origin) {
    this(speed, origin, null);
    if (!(speed > 0.0) || Double.isInfinite(speed) || speed > 100_000.0) {
      close();
      throw new IllegalArgumentException("speed must be in (0, 100000], got " + speed);
    }
  }

  private EmulatorClock(double speed, Instant origin, VirtualTime virtual) {
    this.virtual = virtual;
    this.speed = speed;
    this.origin = Objects.requireNonNull(origin, "origin");
    this.originNanos = System.nanoTime();
    this.timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "emulator-clock");
      t.setDaemon(true);
      return t;
    });
    this.timers.setRemoveOnCancelPolicy(true);
    AtomicInteger n = new AtomicInteger();
    this.workers = new ScheduledThreadPoolExecutor(4, r -> {
      Thread t = new Thread(r, "emulator-clock-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.workers.setRemoveOnCancelPolicy(true);
  }

  /**
   * Creates a virtual clock: simulated time starts at {@code origin} and moves only when
   * {@link #advance(Duration)} is called. Its {@link #speed()} is infinite and {@link #toReal}
   * is always zero: no real time needs to pass.
   */
  public static EmulatorClock virtual(Instant origin) {
    return new EmulatorClock(Double.POSITIVE_INFINITY, Objects.requireNonNull(origin, "origin"),
        new VirtualTime(origin));
  }

  /** Returns whether this clock is virtual (moved only by {@link #advance(Duration)}). */
  public boolean isVirtual() {
    return virtual != null;
  }

  /**
   * Moves a virtual clock forward by a simulated duration, running every task due on the way in
   * due order, each at its own instant, on the calling thread; tasks they schedule within the
   * duration run too. Call it without holding locks the tasks take (the emulator's engine).
   *
   * @throws IllegalStateException if the clock follows real time
   * @throws IllegalArgumentException if the duration is negative
   */
  public void advance(Duration simulated) {
    Objects.requireNonNull(simulated, "simulated");
    if (virtual == null) {
      throw new IllegalStateException("only a virtual clock can be advanced; this one follows real time");
    }
    virtual.advance(simulated);
  }

  /** Returns the current simulated instant. */
  public Instant now() {
    if (virtual != null) {
      return virtual.now();
    }
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
    if (simulated.isNegative() || virtual != null) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (simulated.toNanos() / speed));
  }

  /** Converts a real duration into the simulated duration that passes meanwhile. */
  public Duration toSimulated(Duration real) {
    if (virtual != null) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (real.toNanos() * speed));
  }

  /**
   * Runs a task once after a simulated delay, on a worker thread (the task may block).
   *
   * @return a future that cancels the task; its delay is reported in real time
   */
  public ScheduledFuture<?> schedule(Duration simulatedDelay, Runnable task) {
    return submit(workers, simulatedDelay, task);
  }

  /** Runs a task once at a simulated instant (immediately if it has passed), on a worker thread. */
  public ScheduledFuture<?> scheduleAt(Instant simulatedInstant, Runnable task) {
    Objects.requireNonNull(simulatedInstant, "simulatedInstant");
    return schedule(Duration.between(now(), simulatedInstant), task);
  }

  /**
   * Runs a task repeatedly, first after a simulated initial delay and then every simulated
   * period, on a worker thread. A run that throws is logged and the schedule goes on.
   *
   * @throws IllegalArgumentException if the period is not positive
   */
  public ScheduledFuture<?> scheduleAtFixedRate(Duration simulatedInitialDelay, Duration simulatedPeriod,
      Runnable task) {
    Objects.requireNonNull(simulatedInitialDelay, "simulatedInitialDelay");
    Objects.requireNonNull(simulatedPeriod, "simulatedPeriod");
    Objects.requireNonNull(task, "task");
    if (virtual != null) {
      if (simulatedPeriod.isNegative() || simulatedPeriod.isZero()) {
        throw new IllegalArgumentException("period must be positive, got " + simulatedPeriod);
      }
      return new Repeating(simulatedInitialDelay, simulatedPeriod, guarded(task));
    }
    long period = toReal(simulatedPeriod).toNanos();
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive, got " + simulatedPeriod);
    }
    return workers.scheduleAtFixedRate(guarded(task), toReal(simulatedInitialDelay).toNanos(), period,
        TimeUnit.NANOSECONDS);
  }

  /**
   * Runs a short, non-blocking task once after a simulated delay on the single timer thread, in
   * deadline order with the emulator's own timers. Do not block in it.
   */
  public ScheduledFuture<?> scheduleNonBlocking(Duration simulatedDelay, Runnable task) {
    return submit(timers, simulatedDelay, task);
  }

  /** Like {@link #scheduleNonBlocking(Duration, Runnable)}, at a simulated instant. */
  public ScheduledFuture<?> scheduleNonBlockingAt(Instant simulatedInstant, Runnable task) {
    Objects.requireNonNull(simulatedInstant, "simulatedInstant");
    return scheduleNonBlocking(Duration.between(now(), simulatedInstant), task);
  }

  private ScheduledFuture<?> submit(ScheduledThreadPoolExecutor executor, Duration simulatedDelay, Runnable task) {
    Objects.requireNonNull(simulatedDelay, "simulatedDelay");
    Objects.requireNonNull(task, "task");
    if (virtual != null) {
      return virtual.schedule(simulatedDelay, guarded(task));
    }
    long realNanos = toReal(simulatedDelay).toNanos();
    long due = System.nanoTime() + realNanos;
    Runnable timed = () -> {
      maxLateNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
      task.run();
    };
    try {
      return executor.schedule(guarded(timed), realNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (!executor.isShutdown()) {
        throw e;
      }
      // After close() a timer still running (a boot step, an expiry) may arm the next one:
      // pending tasks are dropped anyway, so drop it quietly instead of failing mid-transition.
      return Dropped.INSTANCE;
    }
  }

  /** The future of a task submitted after close(): cancelled, never runs. */
  private static final class Dropped implements ScheduledFuture<Object> {
    static final Dropped INSTANCE = new Dropped();

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      throw new java.util.concurrent.CancellationException("the emulator clock is closed");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return get();
    }
  }

  /**
   * The longest a one-shot timer task started after its due instant so far, in simulated time. On a
   * machine that keeps up this stays near zero; when it grows past the scale of what is being timed
   * (probe intervals, heartbeat margins), results measured on this clock are not to be trusted.
   */
  public Duration maxLateness() {
    return toSimulated(Duration.ofNanos(maxLateNanos.get()));
  }

  /** Sleeps the calling thread for a simulated duration. */
  public void sleep(Duration simulated) throws InterruptedException {
    if (virtual != null) {
      // Another thread's advance() wakes it.
      virtual.sleep(simulated);
      return;
    }
    long nanos = toReal(simulated).toNanos();
    TimeUnit.NANOSECONDS.sleep(nanos);
  }

  /** Stops the timer and worker threads; pending tasks are dropped. */
  @Override
  public void close() {
    if (virtual != null) {
      virtual.close();
    }
    timers.shutdownNow();
    workers.shutdownNow();
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

  /** A fixed-rate task on a virtual clock: each run queues the next; cancelling stops the chain. */
  private final class Repeating implements ScheduledFuture<Object> {
    private final Duration period;
    private final Runnable task;
    private volatile ScheduledFuture<?> next;
    private volatile boolean cancelled;

    Repeating(Duration initialDelay, Duration period, Runnable task) {
      this.period = period;
      this.task = task;
      this.next = virtual.schedule(initialDelay, this::runAndRequeue);
    }

    private void runAndRequeue() {
      if (cancelled) {
        return;
      }
      // Queued before the run, at a fixed rate from this run's due instant.
      next = virtual.schedule(period, this::runAndRequeue);
      task.run();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return next.getDelay(unit);
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
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

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new java.util.concurrent.CancellationException("a fixed-rate task never completes");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return get();
    }
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
