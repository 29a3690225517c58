package io.warmgate.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.emulator.InstanceSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The seed's incident on the seed stack as synthesized: the group comes up with its warm pool of
 * Windows instances (first boots of about ten minutes), then a scale-out takes two instances from
 * the pool. Shared by the scenario classes, which differ in how many events reach the gate.
 */
final class SeedIncident {

  /** Real time allowed for each phase: 25 simulated minutes at the suite's speed, about twice what a healthy run takes. */
  static final Duration PHASE_TIMEOUT = Duration.ofSeconds(150);
  static final int SCALE_OUT = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SeedIncident() {}

  /** Runs the incident with the given share of events dropped and returns the finished run. */
  static GateAsDeployed run(double dropRate, long seed, Map<String, String> environment) {
    DeployedGate gate = DeployedGate.read(io.warmgate.cdk.seed.SeedApp.STACK_ID, Templates.seed());
    DeployedGate.Group group = gate.group().orElseThrow(() -> new AssertionError("the seed stack creates no group"));
    GateAsDeployed run = new GateAsDeployed(gate, dropRate, environment, seed);
    try {
      run.deployGroup(group, healthPort(gate));
      int desired = group.desired() != null ? group.desired() : group.min();
      if (awaitSettled(run, group, desired)) {
        run.admin.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(group.name())
            .desiredCapacity(desired + SCALE_OUT));
        awaitSettled(run, group, desired + SCALE_OUT);
      }
      return run;
    } catch (RuntimeException | Error e) {
      run.close();
      throw e;
    }
  }

  /** The health port in the hook's metadata, which the instances serve. */
  static int healthPort(DeployedGate gate) {
    try {
      return JSON.readTree(gate.hook().notificationMetadata()).path("warmgate").path("http").path("port").asInt(80);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until {@code desired} instances are in service, the pool holds what its rules say, and no
   * lifecycle action is waiting. A group that does not get there in time is recorded in
   * {@link GateAsDeployed#unsettled}, for the tests to report with the rest of what went wrong.
   *
   * @return whether it settled
   */
  static boolean awaitSettled(GateAsDeployed run, DeployedGate.Group group, int desired) {
    int poolSize = Math.max(group.poolMin(),
        (group.poolMaxPrepared() != null ? group.poolMaxPrepared() : group.max()) - desired);
    try {
      await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> settled(run, group, desired, poolSize));
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      run.unsettled.add("after " + PHASE_TIMEOUT.toSeconds() + " s real, not " + desired + " in service and " + poolSize
          + " in the pool with no action waiting: " + run.emulator.instances().stream()
              .filter(i -> group.name().equals(i.groupName()))
              .map(i -> i.instanceId() + "=" + i.lifecycleState()).toList()
          + ", waiting actions " + run.emulator.activeActions().size() + "; the first one's timeline: "
          + run.emulator.activeActions().stream().findFirst().map(a -> run.emulator.timeline(a.instanceId()).toString())
              .orElse("none"));
      return false;
    }
  }

  private static boolean settled(GateAsDeployed run, DeployedGate.Group group, int desired, int poolSize) {
    return settled(run.emulator, group.name(), desired, poolSize);
  }

  /** True if the group has {@code desired} in service, {@code poolSize} warmed and stopped, and no action waiting. */
  static boolean settled(io.warmgate.emulator.WarmPoolEmulator emulator, String group, int desired, int poolSize) {
    List<InstanceSnapshot> live = emulator.instances().stream()
        .filter(i -> group.equals(i.groupName()) && !i.lifecycleState().endsWith("Terminated")).toList();
    long inService = live.stream().filter(i -> i.lifecycleState().equals("InService")).count();
    long pooled = live.stream().filter(i -> i.lifecycleState().equals("Warmed:Stopped")).count();
    return emulator.activeActions().isEmpty() && inService == desired && pooled == poolSize
        && live.size() == desired + poolSize;
  }
}
