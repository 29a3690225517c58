package io.warmgate.emulator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.EmulatorFaults;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races between API calls and the engine's timers, made deterministic by holding the engine lock
 * (which every timer needs) while the simulated clock passes a deadline.
 */
class EngineRaceTest {
  private EmulatorClock clock;
  private EventBus events;
  private Engine engine;

  @BeforeEach
  void start() {
    clock = new EmulatorClock(6000, Instant.parse("2026-01-01T00:00:00Z"));
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
      Group g = engine.createGroup("g");
      g.maxSize = 1;
      g.desired = 1;
      Hook h = engine.newHook("h", "g");
      h.transition = Hook.LAUNCHING;
      h.heartbeatTimeout = 30;
      g.hooks.put(h.name, h);
      engine.reconcile(g);
      SimInstance i = g.instances.iterator().next();
      return i.actions.get("h");
    }
  }

  private void passDeadlineHoldingTheLock(LifecycleAction a) throws InterruptedException {
    while (clock.now().isBefore(a.deadline.plusSeconds(1))) {
      Thread.sleep(1);
    }
  }

  @Test
  void aHeartbeatAfterTheDeadlineFailsEvenBeforeTheExpiryTimerRan() throws InterruptedException {
    LifecycleAction a = heldLaunch();
    synchronized (engine) {
      passDeadlineHoldingTheLock(a);
      assertThatThrownBy(() -> engine.findAction("g", "h", a.token, null))
          .isInstanceOf(ApiException.class)
          .hasMessage("No active Lifecycle Action found with token " + a.token);
      // The default result (ABANDON) was applied at once: the instance is on its way out.
      assertThat(a.instance.lifecycle).isEqualTo("Terminating:Proceed");
      assertThat(a.instance.abandoned).isTrue();
    }
  }

  @Test
  void aCompletionByInstanceIdAfterTheDeadlineFailsEvenBeforeTheExpiryTimerRan() throws InterruptedException {
    LifecycleAction a = heldLaunch();
    synchronized (engine) {
      passDeadlineHoldingTheLock(a);
      assertThatThrownBy(() -> engine.findAction("g", "h", null, a.instance.id))
          .isInstanceOf(ApiException.class)
          .hasMessage("No active Lifecycle Action found with instance ID " + a.instance.id);
    }
  }
}
