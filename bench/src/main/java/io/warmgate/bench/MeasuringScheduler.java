package io.warmgate.bench;

import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps the gate's {@link Scheduler} and records how late each task starts against the instant it was
 * due, on the scheduler's own (simulated) clock.
 *
 * <p>Lateness is what the timer adds: a task due at {@code nextCheckAt} that starts 3 ms after it is 3
 * ms late. A task scheduled for an instant already past counts from the moment it was scheduled.
 * Thread-safe.
 */
public final class MeasuringScheduler implements Scheduler {

  private final Scheduler delegate;
  private final LatencyRecorder lateness;
  private final AtomicLong scheduled = new AtomicLong();

  /**
   * @param delegate the real scheduler
   * @param lateness receives each task's lateness in simulated nanoseconds
   */
  public MeasuringScheduler(Scheduler delegate, LatencyRecorder lateness) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.lateness = Objects.requireNonNull(lateness, "lateness");
  }

  @Override
  public Instant now() {
    return delegate.now();
  }

  @Override
  public Cancellable scheduleAt(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    Instant now = delegate.now();
    Instant due = at.isBefore(now) ? now : at;
    scheduled.incrementAndGet();
    return delegate.scheduleAt(
        at,
        () -> {
          lateness.record(Duration.between(due, delegate.now()).toNanos());
          task.run();
        });
  }

  /** How many tasks were scheduled. */
  public long scheduled() {
    return scheduled.get();
  }
}
