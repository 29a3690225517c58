package io.warmgate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void runsATaskWhoseTimeHasPassedAtOnce() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);

    scheduler.scheduleAt(scheduler.now().minusSeconds(5), ran::countDown);

    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCancelledTaskNeverRuns() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    CountDownLatch later = new CountDownLatch(1);

    scheduler.scheduleAt(scheduler.now().plus(Duration.ofMillis(300)), () -> ran.set(true)).cancel();
    scheduler.scheduleAt(scheduler.now().plus(Duration.ofMillis(400)), later::countDown);

    assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isFalse();
  }

  @Test
  void aTaskCenturiesAwayIsAcceptedWithoutOverflow() {
    scheduler.scheduleAt(scheduler.now().plus(Duration.ofDays(365L * 400)), () -> {}).cancel();
  }

  @Test
  void anAcceleratedClockRunsTasksSoonerInRealTime() throws Exception {
    Clock fixed = Clock.fixed(java.time.Instant.parse("2026-01-01T10:00:00Z"), java.time.ZoneOffset.UTC);
    ExecutorScheduler fast = new ExecutorScheduler(fixed, executor, 10_000);
    CountDownLatch ran = new CountDownLatch(1);

    // one hour of clock time at 10,000x is 0.36 s of real time
    fast.scheduleAt(fixed.instant().plus(Duration.ofHours(1)), ran::countDown);

    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void rejectsANonsensicalSpeed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExecutorScheduler(Clock.systemUTC(), executor, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExecutorScheduler(Clock.systemUTC(), executor, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
