package io.warmgate.emulator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.emulator.ActionSnapshot;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races between API calls and the engine's timers, made deterministic on a virtual clock: the test
 * holds the engine lock (which every timer needs) while another thread moves the clock past a
 * deadline, so the expiry timer is due but cannot have run when the call arrives.
 */
class EngineRaceTest {
  private EmulatorClock clock;
  private EventBus events;
  private Engine engine;

  @BeforeEach
  void start() {
    clock = EmulatorClock.virtual(Instant.parse("2026-01-01T00:00:00Z"));
    events = new EventBus(() -> EmulatorFaults.NONE, 1L);
    HealthEndpoints noEndpoints = new HealthEndpoints() {
      @Override
      public void open(SimInstance instance) { }

      @Override
      public void close(SimInstance instance) { }
    };
    engine = new Engine(clock, 1L, "us-east-1", "123456789012", Map.of("instant", BootProfile.instant()),
        "instant", 18099, 201, events, noEndpoints);
  }

  @AfterEach
  void stop() {
    clock.close();
    events.close();
  }

  /** Creates a group of one instance held by a 30 s launching hook and returns its action. */
  private LifecycleAction heldLaunch() {
    synchronized (engine) {
      LaunchTemplate lt = engine.ec2().createLaunchTemplate("lt1", null, null, Map.of(), Map.of());
      Group g = engine.autoScaling().createGroup(
          new GroupSettings("g", 0, 1, 1, new GroupSettings.TemplateRef(lt.id, null, null), null, null, null, null,
              List.of(), null),
          List.of(new HookSpec("h", Hook.Transition.LAUNCHING, 30, null, null, null, null)), List.of());
      return g.instances.iterator().next().actions.get("h");
    }
  }

  /** Runs the call holding the lock, after another thread has moved the clock past the action's deadline. */
  private void callAfterTheDeadlineBeforeTheTimer(LifecycleAction a, Consumer<LifecycleAction> call)
      throws InterruptedException {
    // The boot's own timers run first, without the race.
    clock.advance(Duration.between(clock.now(), a.deadline).minusSeconds(1));
    Thread advancer = new Thread(() -> clock.advance(Duration.ofSeconds(2)), "advancer");
    synchronized (engine) {
      advancer.start();
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (clock.now().isBefore(a.deadline) && System.nanoTime() < giveUp) {
        Thread.sleep(1);
      }
      assertThat(clock.now()).isAfterOrEqualTo(a.deadline);
      // The expiry timer is due, but it waits for this lock: the action is still active.
      assertThat(engine.activeActions()).extracting(ActionSnapshot::token).containsExactly(a.token);
      call.accept(a);
    }
    advancer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(advancer.isAlive()).isFalse();
  }

  @Test
  void aHeartbeatAfterTheDeadlineFailsEvenBeforeTheExpiryTimerRan() throws InterruptedException {
    LifecycleAction a = heldLaunch();
    callAfterTheDeadlineBeforeTheTimer(a, action -> {
      assertThatThrownBy(() -> engine.autoScaling().recordHeartbeat("g", "h", action.token, null))
          .isInstanceOf(ApiException.class)
          .hasMessage("No active Lifecycle Action found with token " + action.token);
      // The default result (ABANDON) was applied at once: the instance is on its way out.
      assertThat(action.instance.lifecycle).isEqualTo(LifecycleState.TERMINATING_PROCEED);
      assertThat(action.instance.abandoned).isTrue();
    });
    // The late timer found the action gone and did nothing more.
    assertThat(engine.timeline(a.instance.id)).filteredOn(e -> e.to().startsWith("expired")).hasSize(1);
  }

  @Test
  void aCompletionByInstanceIdAfterTheDeadlineFailsEvenBeforeTheExpiryTimerRan() throws InterruptedException {
    LifecycleAction a = heldLaunch();
    callAfterTheDeadlineBeforeTheTimer(a, action ->
        assertThatThrownBy(() -> engine.autoScaling().completeAction("g", "h", null, action.instance.id,
            Hook.Result.CONTINUE))
            .isInstanceOf(ApiException.class)
            .hasMessage("No active Lifecycle Action found with instance ID " + action.instance.id));
    assertThat(a.instance.abandoned).isTrue();
  }
}
