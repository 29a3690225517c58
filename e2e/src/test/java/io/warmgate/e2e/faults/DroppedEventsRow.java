package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.List;

/**
 * 30% of lifecycle events never reach the daemon (EventBridge is best effort): the sweep finds the
 * rest. A pool of three first boots, then a scale-out of two warm starts (and the pool's refill).
 */
final class DroppedEventsRow implements FaultRow {

  static final double SPEED = 30;
  private static final Duration INTERVAL = Duration.ofSeconds(15);
  // The pool-entry phase settles 30 s from the first pass of the streak; warm starts have none.
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);

  @Override
  public String fault() {
    return "30% of lifecycle events dropped";
  }

  @Override
  public String guarantee() {
    return "every wait CONTINUEd once healthy, within one sweep period + one interval (+ the phase's settle and"
        + " probe timeout) of turning healthy; none stopped half-booted";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    String group = "dropped";
    int pool = longRun ? 6 : 3;
    int scaleOut = 2;
    try (FaultWorld world = new FaultWorld("dropped", SPEED, 301, EmulatorFaults.NONE.withEventDropRate(0.3))) {
      world.group(group, pool + scaleOut, 600);
      world.startDaemon(List.of(group), FaultWorld.baseEnvironment(), false);
      world.fillPool(group, pool);
      assertThat(world.awaitSettled(group, 0, pool, Duration.ofSeconds(100))).as("pool filled: %s", world.states(group)).isTrue();
      world.scaleTo(group, scaleOut);
      assertThat(world.awaitSettled(group, scaleOut, pool, Duration.ofSeconds(100)))
          .as("scaled out: %s", world.states(group)).isTrue();

      figures.put("events emitted", world.emulator.eventStats().get("emitted"))
          .put("dropped", world.emulator.eventStats().get("dropped"));
      Checks.onTime(world, LATENESS_BOUND, figures);
      List<Checks.Wait> waits = Checks.everyWaitContinuedWhenHealthy(world, group, pool + scaleOut * 2, figures);
      Duration bound = FaultWorld.SWEEP.plus(INTERVAL).plus(SETTLE).plus(Duration.ofSeconds(5)).plus(world.maxLateness());
      figures.put("bound", bound);
      assertThat(waits).allSatisfy(w -> assertThat(w.healthyToContinue().orElseThrow()).as("%s", w).isLessThanOrEqualTo(bound));
      assertThat(world.emulator.eventStats().get("dropped")).as("events were dropped").isPositive();
    }
  }
}
