package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aTimerHeldUpBehindABlockedOneShowsAsLatenessInSimulatedTime() throws Exception {
    try (EmulatorClock clock = EmulatorClock.accelerated(10, ORIGIN)) {
      assertThat(clock.maxLateness()).isZero();
      CountDownLatch second = new CountDownLatch(1);
      CountDownLatch secondArmed = new CountDownLatch(1);
      // The timer thread is single: the second task cannot start before the first has blocked for
      // 200 ms, and the first starts its 200 ms only once the second is armed, so the second is due
      // before the block begins however slowly the machine runs between the two calls.
      clock.scheduleNonBlocking(Duration.ZERO, () -> {
        try {
          secondArmed.await(10, TimeUnit.SECONDS);
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      clock.scheduleNonBlocking(Duration.ZERO, second::countDown);
      secondArmed.countDown();
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();

      // 200 ms of real delay at 10x is at least 2 s of simulated lateness.
      assertThat(clock.maxLateness()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void simulatedTimeStartsAtTheOriginAndAdvancesFaster() throws Exception {
    try (EmulatorClock clock = EmulatorClock.accelerated(600, ORIGIN)) {
      assertThat(clock.now()).isAfterOrEqualTo(ORIGIN);
      Thread.sleep(50);
      // 50 ms of real time is at least 30 s of simulated time at 600x.
      assertThat(Duration.between(ORIGIN, clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
      assertThat(clock.asJavaClock().instant()).isAfter(ORIGIN);
    }
  }

  @Test
  void tasksRunAtTheirSimulatedInstant() throws Exception {
    try (EmulatorClock clock = EmulatorClock.accelerated(1000, ORIGIN)) {
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
    try (EmulatorClock clock = EmulatorClock.accelerated(1000, ORIGIN)) {
      CountDownLatch ran = new CountDownLatch(1);
      clock.schedule(Duration.ofSeconds(30), ran::countDown).cancel(false);
      assertThat(ran.await(100, TimeUnit.MILLISECONDS)).isFalse();
    }
  }

  @Test
  void aTimerArmedAfterCloseIsDroppedQuietlyInsteadOfThrowing() {
    EmulatorClock clock = EmulatorClock.accelerated(1000, ORIGIN);
    clock.close();
    ScheduledFuture<?> dropped = clock.scheduleNonBlocking(Duration.ofSeconds(1), () -> { });
    assertThat(dropped.isCancelled()).isTrue();
    assertThat(clock.schedule(Duration.ZERO, () -> { }).isDone()).isTrue();
  }

  @Test
  void aFailingTaskDoesNotStopLaterTasks() throws Exception {
    try (EmulatorClock clock = EmulatorClock.accelerated(1000, ORIGIN)) {
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
    try (EmulatorClock clock = EmulatorClock.accelerated(1000, ORIGIN)) {
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
    try (EmulatorClock clock = EmulatorClock.accelerated(1000, ORIGIN)) {
      CountDownLatch three = new CountDownLatch(3);
      clock.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(10), three::countDown);
      assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> clock.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> { }))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void durationsConvertBetweenRealAndSimulated() {
    try (EmulatorClock clock = EmulatorClock.accelerated(60, ORIGIN)) {
      assertThat(clock.toReal(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
      assertThat(clock.toSimulated(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
      assertThat(clock.toReal(Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
      assertThat(clock.speed()).isEqualTo(60.0);
    }
  }

  @Test
  void badSpeedsAreRejected() {
    assertThatThrownBy(() -> EmulatorClock.accelerated(0, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmulatorClock.accelerated(Double.NaN, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmulatorClock.accelerated(1, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("origin");
  }

  @Test
  void aVirtualClockStandsStillAndRunsDueTasksInOrderEachAtItsInstant() {
    Instant origin = Instant.parse("2026-01-01T00:00:00Z");
    try (EmulatorClock clock = EmulatorClock.virtual(origin)) {
      List<String> ran = new CopyOnWriteArrayList<>();
      clock.scheduleNonBlocking(Duration.ofSeconds(20), () -> ran.add("b@" + clock.now()));
      clock.schedule(Duration.ofSeconds(10), () -> {
        ran.add("a@" + clock.now());
        clock.scheduleNonBlocking(Duration.ofSeconds(5), () -> ran.add("a2@" + clock.now()));
      });
      ScheduledFuture<?> cancelled = clock.schedule(Duration.ofSeconds(15), () -> ran.add("x"));
      cancelled.cancel(false);
      assertThat(clock.now()).isEqualTo(origin);
      clock.advance(Duration.ofSeconds(30));
      assertThat(ran).containsExactly("a@" + origin.plusSeconds(10), "a2@" + origin.plusSeconds(15),
          "b@" + origin.plusSeconds(20));
      assertThat(clock.now()).isEqualTo(origin.plusSeconds(30));
      assertThat(clock.toReal(Duration.ofHours(1))).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void aVirtualClockRunsFixedRateTasksOnceAPeriodUntilCancelled() {
    try (EmulatorClock clock = EmulatorClock.virtual(Instant.EPOCH)) {
      AtomicInteger runs = new AtomicInteger();
      ScheduledFuture<?> f =
          clock.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(2), runs::incrementAndGet);
      clock.advance(Duration.ofSeconds(10));
      assertThat(runs.get()).isEqualTo(5);
      f.cancel(false);
      clock.advance(Duration.ofSeconds(10));
      assertThat(runs.get()).isEqualTo(5);
    }
  }

  @Test
  void aSleepOnAVirtualClockEndsWhenAnotherThreadAdvancesIt() throws Exception {
    try (EmulatorClock clock = EmulatorClock.virtual(Instant.EPOCH)) {
      AtomicReference<Instant> woke = new AtomicReference<>();
      Thread sleeper = new Thread(() -> {
        try {
          clock.sleep(Duration.ofMinutes(5));
          woke.set(clock.now());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sleeper.start();
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sleeper.getState() != Thread.State.WAITING && System.nanoTime() < giveUp) {
        Thread.sleep(1);
      }
      assertThat(sleeper.getState()).isEqualTo(Thread.State.WAITING);
      clock.advance(Duration.ofMinutes(4));
      assertThat(woke.get()).isNull();
      clock.advance(Duration.ofMinutes(2));
      sleeper.join(10_000);
      assertThat(woke.get()).isEqualTo(Instant.EPOCH.plusSeconds(360));
    }
  }

  @Test
  void onlyAVirtualClockCanBeAdvanced() {
    try (EmulatorClock clock = EmulatorClock.accelerated(1.0, Instant.EPOCH)) {
      assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
