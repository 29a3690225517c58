package io.warmgate.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.testing.FakeScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SchedulerClockTest {

  @Test
  void theClockFollowsTheSchedulersTimeAsItAdvances() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    FakeScheduler scheduler = new FakeScheduler(start);
    Clock clock = scheduler.asClock();

    scheduler.advance(Duration.ofMinutes(7));

    assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(7)));
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }
}
