package io.warmgate.emulator;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock's future that never yields a result (a dropped task, a fixed-rate chain): it is done once cancelled, and
 * {@code get} refuses at once instead of waiting for a value that will not come. What the two clocks' own futures
 * share; each says only how long it waits and whether it is cancelled.
 */
abstract class ResultlessFuture implements ScheduledFuture<Object> {
  private final String why;

  /** @param why the message of the {@link CancellationException} that {@code get} throws */
  ResultlessFuture(String why) {
    this.why = why;
  }

  @Override
  public final int compareTo(Delayed other) {
    return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
  }

  @Override
  public final boolean isDone() {
    return isCancelled();
  }

  @Override
  public final Object get() {
    throw new CancellationException(why);
  }

  @Override
  public final Object get(long timeout, TimeUnit unit) {
    return get();
  }
}
