package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outcomes a user of the deployed gate would check, asserted on what the emulator recorded. */
final class Outcomes {

  private Outcomes() {}

  /** No call was refused by the role's policy, no sweep reported trouble, no invocation failed. */
  static void nothingWasDenied(GateAsDeployed run) {
    assertThat(run.emulator.iamDenials()).as("requests the role's policy refused").isEmpty();
    assertThat(run.gateErrors).as("groups with gate errors (sweep problems, failed actions)").isEmpty();
    assertThat(run.failedInvocations).as("failed invocations").isEmpty();
  }

  /**
   * Every instance of the group waited on the hook each time it launched or left the pool, and the
   * gate (not a timeout) ended every wait with CONTINUE; none was corrupted or abandoned.
   */
  static void everyInstanceGatedAndHealthy(GateAsDeployed run, String group) {
    everyInstanceGatedAndHealthy(run.emulator, run.unsettled, group);
  }

  /** As {@link #everyInstanceGatedAndHealthy(GateAsDeployed, String)}, on any emulator. */
  static void everyInstanceGatedAndHealthy(io.warmgate.emulator.WarmPoolEmulator emulator, List<String> unsettled,
      String group) {
    assertThat(unsettled).as("phases in which the group did not settle").isEmpty();
    List<InstanceSnapshot> instances = emulator.instances().stream().filter(i -> group.equals(i.groupName())).toList();
    assertThat(instances).as("instances of %s", group).isNotEmpty();
    for (InstanceSnapshot i : instances) {
      List<TimelineEntry> timeline = emulator.timeline(i.instanceId());
      long waits = timeline.stream().filter(e -> e.kind() == TimelineEntry.Kind.LIFECYCLE
          && (e.to().equals("Pending:Wait") || e.to().equals("Warmed:Pending:Wait"))).count();
      long entered = timeline.stream().filter(e -> e.kind() == TimelineEntry.Kind.LIFECYCLE
          && (e.to().equals("InService") || e.to().equals("Warmed:Stopped") || e.to().equals("Pending"))).count();
      long continued = timeline.stream().filter(e -> e.kind() == TimelineEntry.Kind.ACTION
          && e.to().startsWith("CONTINUE")).count();
      assertThat(waits).as("%s went into service or the pool without waiting on the hook: %s", i.instanceId(), timeline)
          .isPositive();
      assertThat(timeline).as("lifecycle actions of %s that timed out or were abandoned", i.instanceId())
          .noneMatch(e -> e.kind() == TimelineEntry.Kind.ACTION && (e.to().startsWith("expired") || e.to().startsWith("ABANDON")));
      assertThat(continued).as("%s: waits %d, completed with CONTINUE %d: %s", i.instanceId(), waits, continued, timeline)
          .isEqualTo(waits);
      assertThat(i.corrupted()).as("%s corrupted: %s", i.instanceId(), timeline).isFalse();
      assertThat(i.abandoned()).as("%s abandoned: %s", i.instanceId(), timeline).isFalse();
      assertThat(entered).isPositive();
    }
  }

  /** The gate's effective policies for the template's hook, resolved as the gate resolves them. */
  static PhasePolicies policies(DeployedGate gate) {
    return new PolicyResolver(new JacksonMetadataParser(), List.of(ConfigLayer.fromEnvironment(gate.environment())))
        .resolve(gate.hook().name(), Optional.ofNullable(gate.hook().notificationMetadata()));
  }

  /**
   * Each warm start was gated as leaving the pool, under the policy the template gives that phase:
   * its own (not the first boot's settle), and the gate's timing from healthy to CONTINUE fits it.
   */
  static void warmStartsGatedWithTheLeavingPolicy(GateAsDeployed run, int expectedWarmStarts) {
    PhasePolicies policies = policies(run.gate);
    ReadinessPolicy leaving = policies.forPhase(Phase.LEAVING_WARM_POOL);
    ReadinessPolicy entering = policies.forPhase(Phase.ENTERING_WARM_POOL);
    assertThat(leaving.settleDelay())
        .as("the template's settle for a warm start (entering the pool: %s); the hook's metadata: %s",
            entering.settleDelay(), run.gate.hook().notificationMetadata())
        .isLessThan(entering.settleDelay());
    List<ActionFinished> warmStarts = run.finished.stream()
        .filter(f -> f.phase() == Phase.LEAVING_WARM_POOL && f.outcome() == Outcome.CONTINUED).toList();
    assertThat(warmStarts.stream().map(f -> f.action().instanceId()).distinct().count())
        .as("instances warm-started and gated as leaving the pool").isGreaterThanOrEqualTo(expectedWarmStarts);
    // Healthy to CONTINUE: the settle, the passing probes in a row, one round of slack, and however late the
    // emulator's timers ran (at the leaving pool's 2 s rounds, a loaded machine's stall is of their order).
    // A wait that only the sweep found (its event dropped) or that a run handed over may also wait a sweep.
    Duration bound = leaving.settleDelay().plus(leaving.interval().multipliedBy(leaving.consecutiveSuccesses() + 1))
        .plus(run.emulator.clock().maxLateness());
    for (ActionFinished f : warmStarts) {
      String id = f.action().instanceId();
      boolean sweptOrHandedOver = run.intoGroupEventDropped.contains(id) || run.finished.stream().anyMatch(h ->
          h.outcome() == Outcome.HANDED_OVER && h.action().instanceId().equals(id) && h.phase() == Phase.LEAVING_WARM_POOL);
      Duration allowed = sweptOrHandedOver ? bound.plus(run.gate.sweepRate()) : bound;
      List<TimelineEntry> timeline = run.emulator.timeline(f.action().instanceId());
      Instant healthy = timeline.stream().filter(e -> e.kind() == TimelineEntry.Kind.HEALTH && e.to().equals("healthy")
          && !e.at().isAfter(f.at())).map(TimelineEntry::at).reduce((a, b) -> b).orElseThrow();
      assertThat(Duration.between(healthy, f.at())).as("warm start of %s, healthy to CONTINUE (the emulator's timers"
          + " ran up to %s late; swept or handed over: %s): %s", f.action().instanceId(), run.emulator.clock().maxLateness(),
          sweptOrHandedOver, timeline)
          .isLessThanOrEqualTo(allowed);
    }
  }

  /**
   * The most the emulator's timers may have started late, in simulated time: 3 s of real time at
   * {@link GateAsDeployed#SPEED}, half the 60 s sweep period and a quarter of the 120 s function timeout,
   * the scales the scenarios' outcomes depend on. A machine stalled longer than that fails here, named as
   * such, rather than as a gate that missed its timings. Three times the worst seen on a loaded 2-core
   * machine running the whole module (10 s, with every other check passing): a tighter bound failed
   * runs whose outcomes were right. The one finer timing asserted (a warm start's healthy-to-CONTINUE)
   * names the lateness in its message.
   */
  static final Duration MAX_CLOCK_LATENESS = Duration.ofSeconds(30);

  /** The machine kept up with the emulator's clock, so the timings asserted on it mean what they say. */
  static void clockKeptUp(GateAsDeployed run) {
    assertThat(run.emulator.clock().maxLateness())
        .as("the emulator's timers ran this late (simulated, at %sx): the machine is too loaded for the suite's timings",
            GateAsDeployed.SPEED)
        .isLessThanOrEqualTo(MAX_CLOCK_LATENESS);
  }

  /** Prints what the run did: a figure for the notes, not an assertion. */
  static void report(String scenario, GateAsDeployed run, long realMillis) {
    System.out.printf("[e2e] %s: %d instances, %d events delivered, %d dropped, %d sweeps, %d actions finished %s,"
            + " %s simulated in %d ms real, timers at most %s late%n", scenario, run.emulator.instances().size(), run.eventsDelivered.get(),
        run.eventsDropped.get(), run.sweeps.get(), run.finished.size(),
        run.finished.stream().collect(java.util.stream.Collectors.groupingBy(f -> f.phase() + "/" + f.outcome(),
            java.util.TreeMap::new, java.util.stream.Collectors.counting())),
        Duration.between(run.emulator.clock().origin(), run.emulator.clock().now()).withNanos(0), realMillis,
        run.emulator.clock().maxLateness());
  }
}
