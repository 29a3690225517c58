package io.warmgate.e2e;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The seed stack through the incident (see {@link SeedIncident}), once per subclass, with the
 * outcomes a user would check; subclasses say how many lifecycle events are lost on the way.
 */
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeedIncidentScenario {

  private GateAsDeployed run;

  /** The share of matching events that never reach the function. */
  abstract double dropRate();

  /** The seed of the emulator and of the drops. */
  abstract long seed();

  @BeforeAll
  void incident() {
    long started = System.nanoTime();
    run = SeedIncident.run(dropRate(), seed(), Map.of());
    Outcomes.report(getClass().getSimpleName(), run, (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theMachineKeptUpWithTheEmulatorsClock() {
    Outcomes.clockKeptUp(run);
  }

  @Test
  void theRolesPolicyAllowsEveryCallTheGateMakes() {
    Outcomes.nothingWasDenied(run);
  }

  @Test
  void everyInstanceIsGatedAndNoneIsCorruptedOrAbandoned() {
    Outcomes.everyInstanceGatedAndHealthy(run, run.gate.group().orElseThrow().name());
  }

  @Test
  void warmStartsAreGatedWithTheLeavingThePoolPolicy() {
    Outcomes.warmStartsGatedWithTheLeavingPolicy(run, SeedIncident.SCALE_OUT);
  }
}
