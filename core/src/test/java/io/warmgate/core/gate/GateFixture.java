package io.warmgate.core.gate;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.FakeLaunchOrigins;
import io.warmgate.core.testing.FakeLifecycleHooks;
import io.warmgate.core.testing.FakeScheduler;
import io.warmgate.core.testing.FlatMetadataParser;
import io.warmgate.core.testing.RecordingLifecycleActions;
import io.warmgate.core.probe.ProbeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** A gate on fakes and virtual time, with everything synchronous so that flows run instantly. */
final class GateFixture {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final String GROUP = "web-asg";
  static final String HOOK = "warmgate-launch";

  final FakeScheduler scheduler = new FakeScheduler(T0);
  final FakeInstances instances = new FakeInstances();
  final FakeLifecycleHooks hooks = new FakeLifecycleHooks();
  final FakeLaunchOrigins origins = new FakeLaunchOrigins();
  final RecordingLifecycleActions actions = new RecordingLifecycleActions(scheduler);
  final Recorder listener = new Recorder();
  final Executor direct = Runnable::run;

  GateFixture() {
    hooks.put(FakeLifecycleHooks.launching(GROUP, HOOK, Duration.ofMinutes(10), null));
  }

  GateFixture hookMetadata(String metadata) {
    hooks.put(FakeLifecycleHooks.launching(GROUP, HOOK, Duration.ofMinutes(10), metadata));
    return this;
  }

  GateFixture hookTimeout(Duration heartbeatTimeout) {
    hooks.put(FakeLifecycleHooks.launching(GROUP, HOOK, heartbeatTimeout, null));
    return this;
  }

  Gate gate(ProbeFactory probes, Map<String, String> env) {
    return gate(probes, env, GateOptions.DEFAULTS);
  }

  Gate gate(ProbeFactory probes, Map<String, String> env, GateOptions options) {
    return builder().probes(probes).environment(env).options(options).build();
  }

  /** A builder with the fixture's fakes, a direct executor and the test metadata parser; probes still to give. */
  GateBuilder builder() {
    return Gate.builder()
        .instances(instances).hooks(hooks).actions(actions).origins(origins)
        .scheduler(scheduler).executor(direct)
        .metadataParser(new FlatMetadataParser())
        .listener(listener);
  }

  /** An EventBridge-style action, with a token. */
  static LifecycleAction event(String instanceId, Location origin, Location destination) {
    return new LifecycleAction(
        GROUP,
        HOOK,
        Optional.of("token-" + instanceId),
        instanceId,
        LifecycleTransition.LAUNCHING,
        Optional.of(origin),
        Optional.of(destination));
  }

  /** An event for a real waiting instance with a made-up LifecycleActionToken, as anyone who can send the gate an event could forge. */
  static LifecycleAction forged(String instanceId) {
    return new LifecycleAction(GROUP, HOOK, Optional.of("00000000-0000-0000-0000-000000000000"), instanceId,
        LifecycleTransition.LAUNCHING, Optional.of(Location.EC2), Optional.of(Location.AUTO_SCALING_GROUP));
  }

  static GatePortException throttled() {
    return new GatePortException("Throttling on web-asg", null, true);
  }

  /** Records what the gate reports. */
  static final class Recorder implements GateListener {
    final List<DecisionMade> decisions = Collections.synchronizedList(new ArrayList<>());
    final List<ActionFinished> finished = Collections.synchronizedList(new ArrayList<>());
    final List<GatePortException> portFailures = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void decisionMade(DecisionMade event) {
      decisions.add(event);
    }

    @Override
    public void actionFinished(ActionFinished event) {
      finished.add(event);
    }

    @Override
    public void portFailed(LifecycleAction action, GatePortException failure, Instant at) {
      portFailures.add(failure);
    }
  }
}
