package io.warmgate.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time of a virtual {@link EmulatorClock}: it stands still until {@link #advance} moves it,
 * running each task due on the way, in due order, at its own instant, on the advancing thread.
 * Thread-safe: other threads may schedule tasks and read the time meanwhile.
 */
final class VirtualTime {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private Instant now;
  private long sequence;
  private boolean closed;

  VirtualTime(Instant origin) {
    this.now = origin;
  }

  synchronized Instant now() {
    return now;
  }

  /** Queues a task at now + delay (a negative delay means now). */
  synchronized ScheduledFuture<?> schedule(Duration delay, Runnable task) {
    Instant due = delay.isNegative() ? now : now.plus(delay);
    Task t = new Task(due, sequence++, task);
    if (!closed) {
      queue.add(t);
    } else {
      t.cancel(false);
    }
    return t;
  }

  /** Moves the time forward, running every task due up to the new instant; returns how many ran. */
  int advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, got " + by);
    }
    Instant target;
    synchronized (this) {
      target = now.plus(by);
    }
    int ran = 0;
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (closed || next == null || next.due.isAfter(target)) {
          if (now.isBefore(target)) {
            now = target;
          }
          notifyAll();
          return ran;
        }
        queue.poll();
        if (next.due.isAfter(now)) {
          now = next.due;
        }
        notifyAll();
      }
      if (next.runIfPending()) {
        ran++;
      }
    }
  }

  /** Blocks until another thread's advance has moved the time by at least {@code d}. */
  void sleep(Duration d) throws InterruptedException {
    synchronized (this) {
      Instant until = now.plus(d);
      while (now.isBefore(until) && !closed) {
        wait();
      }
    }
  }

  synchronized void close() {
    closed = true;
    List<Task> pending = new ArrayList<>(queue);
    queue.clear();
    pending.forEach(t -> t.cancel(false));
    notifyAll();
  }

  private synchronized void remove(Task t) {
    queue.remove(t);
  }

  /** A queued task; cancelling it takes it off the queue. */
  private final class Task implements ScheduledFuture<Object>, Comparable<Delayed> {
    private final Instant due;
    private final long order;
    private final Runnable body;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean cancelled;

    Task(Instant due, long order, Runnable body) {
      this.due = due;
      this.order = order;
      this.body = body;
    }

    boolean runIfPending() {
      if (cancelled) {
        return false;
      }
      try {
        body.run();
      } finally {
        done.countDown();
      }
      return true;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(now(), due).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      if (other instanceof Task t) {
        int c = due.compareTo(t.due);
        return c != 0 ? c : Long.compare(order, t.order);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (done.getCount() == 0 || cancelled) {
        return false;
      }
      cancelled = true;
      remove(this);
      done.countDown();
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done.getCount() == 0;
    }

    @Override
    public Object get() throws InterruptedException {
      done.await();
      if (cancelled) {
        throw new CancellationException("cancelled");
      }
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, java.util.concurrent.TimeoutException {
      if (!done.await(timeout, unit)) {
        throw new java.util.concurrent.TimeoutException();
      }
      return get();
    }
  }
}
