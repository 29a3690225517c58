package io.warmgate.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A java.time view (an {@link Clock}) of an emulator clock. */
final class SimulatedClock extends Clock {
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
