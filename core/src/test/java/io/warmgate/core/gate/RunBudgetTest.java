package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyPresets;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The defect behind a Lambda timeout that silently abandoned healthy instances: a run's streak is its own,
 * so runs shorter than {@link RunBudget#least} each restart the settle delay and hand over before it ends.
 */
class RunBudgetTest {

  private final GateFixture f = new GateFixture();

  @Test
  void theDefaultsNeedFortyFiveSecondsEnteringTheWarmPoolAndSeventeenOtherwise() {
    var defaults = PolicyPresets.defaults();
    // 5 s look-ups + 30 s settle + 5 s last round + 5 s completion
    assertThat(RunBudget.least(defaults.enteringWarmPool(), GateOptions.DEFAULTS)).isEqualTo(Duration.ofSeconds(45));
    // 5 s look-ups + 2 x 1 s confirming rounds + 5 s + 5 s
    assertThat(RunBudget.least(defaults.coldStart(), GateOptions.DEFAULTS)).isEqualTo(Duration.ofSeconds(17));
    // The same from the settings the gate reports a policy by.
    Map<String, String> entering = PhasePolicies.all(defaults.enteringWarmPool()).toSettings();
    assertThat(RunBudget.least(entering, GateOptions.DEFAULTS)).isEqualTo(Duration.ofSeconds(45));
    assertThat(RunBudget.parts(entering, GateOptions.DEFAULTS))
        .isEqualTo("settle 30s, 3 passes 1s apart, probe timeout 5s, 2 x call reserve 5s");
    assertThat(RunBudget.least(PhasePolicies.all(defaults.coldStart()).toSettings(), GateOptions.DEFAULTS))
        .isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void aHealthyInstanceIsContinuedWithinTheLeastBudget() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of());
    Duration least = RunBudget.least(PolicyPresets.defaults().forPhase(Phase.ENTERING_WARM_POOL), GateOptions.DEFAULTS);

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.WARM_POOL), T0.plus(least)),
        Duration.ofMinutes(5));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
  }

  @Test
  void runsShorterThanTheLeastBudgetNeverContinueAHealthyInstance() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of());
    // A 45 s Lambda timeout less its 10 s safety margin, one run a minute: each restarts the 30 s settle.
    for (int i = 0; i < 5; i++) {
      Instant start = f.scheduler.now();
      ActionFinished end = f.scheduler.runUntilDone(
          gate.run(event("i-1", Location.EC2, Location.WARM_POOL), start.plusSeconds(35)), Duration.ofMinutes(5));
      assertThat(end.outcome()).as("run %d", i).isEqualTo(Outcome.HANDED_OVER);
      f.scheduler.advance(Duration.between(f.scheduler.now(), start.plusSeconds(60)));
    }
    assertThat(f.actions.completion("i-1")).isEmpty();
  }
}
