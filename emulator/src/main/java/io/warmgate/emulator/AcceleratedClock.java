package io.warmgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EmulatorClock} that follows the JVM's monotonic clock, {@code speed} times faster. Non-blocking tasks run
 * on one timer thread, in deadline order; the others on a pool of four worker threads.
 */
final class AcceleratedClock extends ClockBase implements EmulatorClock {
  private final double speed;
  private final long originNanos;
  private final ScheduledThreadPoolExecutor timers;
  private final ScheduledThreadPoolExecutor workers;
  // The most a one-shot task started after its due time, in real nanoseconds: how far the machine fell
  // behind the accelerated world. Read as simulated time, since that is what the results are about.
  private final AtomicLong maxLateNanos = new AtomicLong();

  AcceleratedClock(double speed, Instant origin) {
    super(speedChecked(speed, origin));
    this.speed = speed;
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

  // A bad speed is refused before the origin is checked.
  private static Instant speedChecked(double speed, Instant origin) {
    if (!(speed > 0.0) || Double.isInfinite(speed) || speed > 100_000.0) {
      throw new IllegalArgumentException("speed must be in (0, 100000], got " + speed);
    }
    return origin;
  }

  @Override
  public boolean isVirtual() {
    return false;
  }

  @Override
  void advanceBy(Duration simulated) {
    throw new IllegalStateException("only a virtual clock can be advanced; this one follows real time");
  }

  @Override
  public Instant now() {
    long realElapsed = System.nanoTime() - originNanos;
    return origin().plusNanos((long) (realElapsed * speed));
  }

  @Override
  public double speed() {
    return speed;
  }

  @Override
  public Duration toReal(Duration simulated) {
    if (simulated.isNegative()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (simulated.toNanos() / speed));
  }

  @Override
  public Duration toSimulated(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * speed));
  }

  @Override
  public ScheduledFuture<?> schedule(Duration simulatedDelay, Runnable task) {
    return submit(workers, simulatedDelay, task);
  }

  @Override
  ScheduledFuture<?> repeat(Duration simulatedInitialDelay, Duration simulatedPeriod, Runnable task) {
    long period = toReal(simulatedPeriod).toNanos();
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive, got " + simulatedPeriod);
    }
    return workers.scheduleAtFixedRate(ClockTasks.guarded(task), toReal(simulatedInitialDelay).toNanos(), period,
        TimeUnit.NANOSECONDS);
  }

  @Override
  public ScheduledFuture<?> scheduleNonBlocking(Duration simulatedDelay, Runnable task) {
    return submit(timers, simulatedDelay, task);
  }

  private ScheduledFuture<?> submit(ScheduledThreadPoolExecutor executor, Duration simulatedDelay, Runnable task) {
    Objects.requireNonNull(simulatedDelay, "simulatedDelay");
    Objects.requireNonNull(task, "task");
    long realNanos = toReal(simulatedDelay).toNanos();
    long due = System.nanoTime() + realNanos;
    Runnable timed = () -> {
      maxLateNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
      task.run();
    };
    try {
      return executor.schedule(ClockTasks.guarded(timed), realNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      if (!executor.isShutdown()) {
        throw e;
      }
      // After close() a timer still running (a boot step, an expiry) may arm the next one:
      // pending tasks are dropped anyway, so drop it quietly instead of failing mid-transition.
      return Dropped.INSTANCE;
    }
  }

  @Override
  public Duration maxLateness() {
    return toSimulated(Duration.ofNanos(maxLateNanos.get()));
  }

  @Override
  public void sleep(Duration simulated) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(toReal(simulated).toNanos());
  }

  @Override
  public void close() {
    timers.shutdownNow();
    workers.shutdownNow();
  }

  /** The future of a task submitted after close(): cancelled, never runs. */
  private static final class Dropped extends ResultlessFuture {
    static final Dropped INSTANCE = new Dropped();

    private Dropped() {
      super("the emulator clock is closed");
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }
  }

}
