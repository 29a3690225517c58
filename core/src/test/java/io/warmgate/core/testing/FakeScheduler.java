package io.warmgate.core.testing;

import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A scheduler on virtual time: nothing runs until the test advances the clock.
 *
 * <p>{@link #advance} runs due tasks in time order (ties in scheduling order), setting the clock to each
 * task's time before running it. {@link #runUntilDone} is the auto-advancing mode: it jumps from task to
 * task until a stage completes, so a whole gate flow of half an hour runs in milliseconds. Tasks run on
 * the calling thread. Thread-safe: other threads may schedule while a test advances.
 */
public final class FakeScheduler implements Scheduler {

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  private final class Task implements Comparable<Task>, Cancellable {
    final Instant at;
    final long seq;
    final Runnable body;
    boolean cancelled;

    Task(Instant at, long seq, Runnable body) {
      this.at = at;
      this.seq = seq;
      this.body = body;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public void cancel() {
      synchronized (FakeScheduler.this) {
        cancelled = true;
        queue.remove(this);
      }
    }
  }

  /** A scheduler whose clock starts at {@code start}. */
  public FakeScheduler(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable scheduleAt(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    Task t = new Task(at.isBefore(now) ? now : at, sequence++, task);
    queue.add(t);
    notifyAll();
    return t;
  }

  /** A {@link java.time.Clock} (UTC) reading this scheduler's virtual time, for adapters that take a clock. */
  public java.time.Clock clock() {
    return asClock();
  }

  /** Tasks scheduled and not yet run or cancelled. */
  public synchronized int pending() {
    return queue.size();
  }

  /** When the next task is due, if any. */
  public synchronized java.util.Optional<Instant> nextDue() {
    Task t = queue.peek();
    return t == null ? java.util.Optional.empty() : java.util.Optional.of(t.at);
  }

  /** Advances the clock by {@code d}, running every task that falls due on the way. */
  public void advance(Duration d) {
    Instant target;
    synchronized (this) {
      target = now.plus(d);
    }
    advanceTo(target);
  }

  /** Advances the clock to {@code target}, running every task that falls due on the way. */
  public void advanceTo(Instant target) {
    while (true) {
      Task t;
      synchronized (this) {
        t = queue.peek();
        if (t == null || t.at.isAfter(target)) {
          if (target.isAfter(now)) {
            now = target;
          }
          return;
        }
        queue.poll();
        if (t.at.isAfter(now)) {
          now = t.at;
        }
      }
      t.body.run();
    }
  }

  /** Runs the tasks due now (and any they schedule for now), without moving the clock. */
  public void runDue() {
    advanceTo(now());
  }

  /**
   * Jumps to the next task and runs it.
   *
   * @return false if no task was pending
   */
  public boolean runNext() {
    Task t;
    synchronized (this) {
      t = queue.poll();
      if (t == null) {
        return false;
      }
      if (t.at.isAfter(now)) {
        now = t.at;
      }
    }
    t.body.run();
    return true;
  }

  /**
   * Auto-advances until {@code stage} completes: runs tasks in time order, jumping the clock from one to
   * the next. Meant for flows whose other work is synchronous (ports on a direct executor, scripted
   * probes); see {@link #runUntilDone(CompletionStage, Duration, BooleanSupplier)} otherwise.
   *
   * @throws AssertionError if the stage is not done after {@code limit} of virtual time
   */
  public <T> T runUntilDone(CompletionStage<T> stage, Duration limit) {
    return runUntilDone(stage, limit, () -> true);
  }

  /**
   * Auto-advances until {@code stage} completes, jumping the clock only while {@code idle} says no other
   * thread is still working (e.g. an executor with no active task); while it is busy, waits for it.
   *
   * @throws AssertionError if the stage is not done after {@code limit} of virtual time, or after 60 s of
   *     real time without progress
   */
  public <T> T runUntilDone(CompletionStage<T> stage, Duration limit, BooleanSupplier idle) {
    var future = stage.toCompletableFuture();
    Instant end = now().plus(limit);
    long stuckSince = System.nanoTime();
    while (!future.isDone()) {
      if (now().isAfter(end)) {
        throw new AssertionError("not done after " + limit + " of virtual time; " + pending() + " tasks pending");
      }
      if (idle.getAsBoolean() && !future.isDone()) {
        // Re-check after idle: work may have just finished and completed the stage.
        if (runNext()) {
          stuckSince = System.nanoTime();
          continue;
        }
      }
      if (System.nanoTime() - stuckSince > TimeUnit.SECONDS.toNanos(60)) {
        throw new AssertionError("no progress for 60 s of real time; " + pending() + " tasks pending");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return future.join();
  }
}
