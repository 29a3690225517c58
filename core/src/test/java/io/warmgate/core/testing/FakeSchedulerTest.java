package io.warmgate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private final FakeScheduler scheduler = new FakeScheduler(T0);

  @Test
  void advanceRunsDueTasksInTimeOrderAtTheirOwnTime() {
    List<String> ran = new ArrayList<>();
    scheduler.scheduleAt(T0.plusSeconds(20), () -> ran.add("b@" + scheduler.now()));
    scheduler.scheduleAt(T0.plusSeconds(10), () -> ran.add("a@" + scheduler.now()));
    scheduler.scheduleAt(T0.plusSeconds(10), () -> ran.add("a2@" + scheduler.now()));
    scheduler.scheduleAt(T0.plusSeconds(90), () -> ran.add("late"));

    scheduler.advance(Duration.ofSeconds(30));

    assertThat(ran).containsExactly("a@" + T0.plusSeconds(10), "a2@" + T0.plusSeconds(10), "b@" + T0.plusSeconds(20));
    assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(30));
    assertThat(scheduler.pending()).isEqualTo(1);
  }

  @Test
  void tasksScheduledWhileAdvancingRunIfTheyFallDue() {
    List<Instant> ran = new ArrayList<>();
    scheduler.scheduleAt(T0.plusSeconds(5), () -> scheduler.scheduleAt(scheduler.now().plusSeconds(5), () -> ran.add(scheduler.now())));

    scheduler.advance(Duration.ofSeconds(10));

    assertThat(ran).containsExactly(T0.plusSeconds(10));
  }

  @Test
  void aCancelledTaskNeverRuns() {
    List<String> ran = new ArrayList<>();
    scheduler.scheduleAt(T0.plusSeconds(5), () -> ran.add("x")).cancel();

    scheduler.advance(Duration.ofMinutes(1));

    assertThat(ran).isEmpty();
  }

  @Test
  void runUntilDoneJumpsFromTaskToTask() {
    CompletableFuture<Instant> done = new CompletableFuture<>();
    scheduler.scheduleAt(T0.plus(Duration.ofHours(3)), () -> done.complete(scheduler.now()));

    assertThat(scheduler.runUntilDone(done, Duration.ofHours(4))).isEqualTo(T0.plus(Duration.ofHours(3)));
  }

  @Test
  void runUntilDoneGivesUpAfterItsVirtualLimit() {
    CompletableFuture<Void> never = new CompletableFuture<>();
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> scheduler.scheduleAt(scheduler.now().plusSeconds(60), tick[0]);
    tick[0].run();

    assertThatThrownBy(() -> scheduler.runUntilDone(never, Duration.ofHours(1))).isInstanceOf(AssertionError.class);
  }

  @Test
  void itsClockFollowsVirtualTime() {
    java.time.Clock clock = scheduler.clock();

    scheduler.advance(Duration.ofMinutes(7));

    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
  }
}
