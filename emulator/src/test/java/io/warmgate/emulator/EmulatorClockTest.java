package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void simulatedTimeStartsAtTheOriginAndAdvancesFaster() throws Exception {
    try (EmulatorClock clock = new EmulatorClock(600, ORIGIN)) {
      assertThat(clock.now()).isAfterOrEqualTo(ORIGIN);
      Thread.sleep(50);
      // 50 ms of real time is at least 30 s of simulated time at 600x.
      assertThat(Duration.between(ORIGIN, clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
      assertThat(clock.asJavaClock().instant()).isAfter(ORIGIN);
    }
  }

  @Test
  void tasksRunAtTheirSimulatedInstant() throws Exception {
    try (EmulatorClock clock = new EmulatorClock(1000, ORIGIN)) {
      CountDownLatch ran = new CountDownLatch(1);
      AtomicReference<Instant> at = new AtomicReference<>();
      Instant due = clock.now().plus(Duration.ofMinutes(1));
      clock.scheduleAt(due, () -> {
        at.set(clock.now());
        ran.countDown();
      });
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(at.get()).isAfterOrEqualTo(due);
    }
  }

  @Test
  void cancelledTasksDoNotRun() throws Exception {
    try (EmulatorClock clock = new EmulatorClock(1000, ORIGIN)) {
      CountDownLatch ran = new CountDownLatch(1);
      clock.schedule(Duration.ofSeconds(30), ran::countDown).cancel(false);
      assertThat(ran.await(100, TimeUnit.MILLISECONDS)).isFalse();
    }
  }

  @Test
  void aTimerArmedAfterCloseIsDroppedQuietlyInsteadOfThrowing() {
    EmulatorClock clock = new EmulatorClock(1000, ORIGIN);
    clock.close();
    ScheduledFuture<?> dropped = clock.scheduleNonBlocking(Duration.ofSeconds(1), () -> { });
    assertThat(dropped.isCancelled()).isTrue();
    assertThat(clock.schedule(Duration.ZERO, () -> { }).isDone()).isTrue();
  }

  @Test
  void aFailingTaskDoesNotStopLaterTasks() throws Exception {
    try (EmulatorClock clock = new EmulatorClock(1000, ORIGIN)) {
      CountDownLatch ran = new CountDownLatch(1);
      clock.schedule(Duration.ZERO, () -> {
        throw new IllegalStateException("boom");
      });
      clock.schedule(Duration.ofSeconds(1), ran::countDown);
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aBlockingUserTaskDoesNotDelayNonBlockingTimers() throws Exception {
    try (EmulatorClock clock = new EmulatorClock(1000, ORIGIN)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch timer = new CountDownLatch(1);
      clock.schedule(Duration.ZERO, () -> {
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      clock.scheduleNonBlocking(Duration.ofSeconds(1), timer::countDown);
      assertThat(timer.await(2, TimeUnit.SECONDS)).isTrue();
      release.countDown();
    }
  }

  @Test
  void fixedRateTasksRepeat() throws Exception {
    try (EmulatorClock clock = new EmulatorClock(1000, ORIGIN)) {
      CountDownLatch three = new CountDownLatch(3);
      clock.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(10), three::countDown);
      assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> clock.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> { }))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void durationsConvertBetweenRealAndSimulated() {
    try (EmulatorClock clock = new EmulatorClock(60, ORIGIN)) {
      assertThat(clock.toReal(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
      assertThat(clock.toSimulated(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
      assertThat(clock.toReal(Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
      assertThat(clock.speed()).isEqualTo(60.0);
    }
  }

  @Test
  void badSpeedsAreRejected() {
    assertThatThrownBy(() -> new EmulatorClock(0, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmulatorClock(Double.NaN, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmulatorClock(1, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("origin");
  }
}
