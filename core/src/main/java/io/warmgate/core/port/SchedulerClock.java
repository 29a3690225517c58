package io.warmgate.core.port;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A UTC {@link Clock} that reads a {@link Scheduler}'s time; see {@link Scheduler#asClock()}. */
final class SchedulerClock extends Clock {

  private final Scheduler scheduler;

  SchedulerClock(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // Only instants matter to the adapters that take this clock; the zone is informational.
    return this;
  }

  @Override
  public Instant instant() {
    return scheduler.now();
  }
}
