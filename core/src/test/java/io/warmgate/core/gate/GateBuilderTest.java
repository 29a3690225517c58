package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.model.Location;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.MetadataParser;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one way to assemble a gate: what it requires, what clashes, what it defaults. */
class GateBuilderTest {

  private final GateFixture f = new GateFixture();

  @Test
  void aGateFromTheBuilderGatesWithTheEnvironmentLayer() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.builder().environment(Map.of("WARMGATE_CONSECUTIVE", "1"))
        .probes(ScriptedProbe.always(f.scheduler, true).asFactory()).build();

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), T0.plus(Duration.ofHours(1))), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(gate.policies().base().coldStart().consecutiveSuccesses()).isEqualTo(1);
  }

  @Test
  void aMissingRequiredPartIsNamed() {
    GateBuilder b = Gate.builder().hooks(f.hooks).actions(f.actions).origins(f.origins).scheduler(f.scheduler).executor(f.direct)
        .metadataParser(MetadataParser.NONE).statusChecks(id -> new InstanceStatusChecks.Status("ok", "ok"));

    assertThatThrownBy(b::build).isInstanceOf(NullPointerException.class).hasMessage("instances");
  }

  @Test
  void probesMustComeOneWayExactly() {
    assertThatThrownBy(() -> f.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("statusChecks");
    GateBuilder both = f.builder().probes(ScriptedProbe.always(f.scheduler, true).asFactory())
        .statusChecks(id -> new InstanceStatusChecks.Status("ok", "ok"));
    assertThatThrownBy(both::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
  }

  @Test
  void policiesMustComeOneWayExactly() {
    PolicyResolver resolver = new PolicyResolver(MetadataParser.NONE, List.of());
    GateBuilder both = f.builder().probes(ScriptedProbe.always(f.scheduler, true).asFactory()).policies(resolver);
    assertThatThrownBy(both::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("metadataParser");

    GateBuilder layersBeside = Gate.builder().instances(f.instances).hooks(f.hooks).actions(f.actions).origins(f.origins)
        .scheduler(f.scheduler).executor(f.direct).probes(ScriptedProbe.always(f.scheduler, true).asFactory())
        .policies(resolver).baseLayers(List.of(ConfigLayer.empty("test")));
    assertThatThrownBy(layersBeside::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("base layers");
  }

  @Test
  void invalidEnvironmentSettingsFailTheBuild() {
    GateBuilder b = f.builder().probes(ScriptedProbe.always(f.scheduler, true).asFactory())
        .environment(Map.of("WARMGATE_CONSECUTIVE", "zero"));

    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("WARMGATE_CONSECUTIVE");
  }

  @Test
  void theListenerDefaultsToNone() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = Gate.builder().instances(f.instances).hooks(f.hooks).actions(f.actions).origins(f.origins).scheduler(f.scheduler)
        .executor(f.direct).metadataParser(MetadataParser.NONE).probes(ScriptedProbe.always(f.scheduler, true).asFactory()).build();

    ActionFinished end = f.scheduler.runUntilDone(
        gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), T0.plus(Duration.ofHours(1))), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
  }
}
