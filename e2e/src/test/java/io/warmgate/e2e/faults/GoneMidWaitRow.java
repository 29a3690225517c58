package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the gate waits on disappears mid-wait: the instance is terminated, the hook deleted, the group
 * deleted, each in its own group, two simulated minutes into the instance's first boot (after OS-up, so
 * the probes were answering 503 and then stop answering).
 */
final class GoneMidWaitRow implements FaultRow {

  private static final double SPEED = 30;
  private static final Duration INTERVAL = Duration.ofSeconds(15);
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);
  /**
   * Probes failing alone make the gate look an instance up again only every 2 minutes
   * ({@code GateOptions.factsRefreshOnFailure}), to spare the API during long boots; the daemon's next sweep,
   * which no longer finds the action waiting, makes the run look at its next round: one sweep period and
   * one interval at most, plus the probe timeout and the look-up itself.
   */
  static final Duration NOTICED_WITHIN = FaultWorld.SWEEP.plus(INTERVAL).plusSeconds(10);

  @Override
  public String fault() {
    return "instance terminated / hook deleted / group deleted mid-wait";
  }

  @Override
  public String guarantee() {
    return "the run stops (STOPPED, with the reason logged) within one sweep period + one interval, and does not loop"
        + " on errors";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    record Case(String group, String what, Consumer<FaultWorld> removal) {}
    List<Case> cases = List.of(
        new Case("gone-instance", "instance terminated", w -> w.admin.ec2().terminateInstances(
            r -> r.instanceIds(w.instances("gone-instance").get(0).instanceId()))),
        new Case("gone-hook", "hook deleted", w -> w.admin.autoScaling().deleteLifecycleHook(
            r -> r.autoScalingGroupName("gone-hook").lifecycleHookName(FaultWorld.HOOK))),
        new Case("gone-group", "group deleted", w -> w.admin.autoScaling().deleteAutoScalingGroup(
            r -> r.autoScalingGroupName("gone-group").forceDelete(true))));
    try (FaultWorld world = new FaultWorld("gone", SPEED, 305, EmulatorFaults.NONE)) {
      List<String> groups = cases.stream().map(Case::group).toList();
      for (String g : groups) {
        world.group(g, 1, 900);
      }
      world.startDaemon(groups, FaultWorld.baseEnvironment(), false);
      for (String g : groups) {
        world.fillPool(g, 1);
      }
      List<String> ids = new ArrayList<>();
      for (String g : groups) {
        assertThat(world.await(Duration.ofSeconds(30), () -> world.instances(g).size() == 1)).isTrue();
        ids.add(world.instances(g).get(0).instanceId());
      }
      // Two simulated minutes into the boots, with the gate deciding rounds on every instance.
      Instant start = world.emulator.clock().now();
      assertThat(world.await(Duration.ofSeconds(30), () -> world.emulator.clock().now().isAfter(start.plusSeconds(120))
          && ids.stream().allMatch(id -> world.logEvents("decision", id).size() >= 3))).as("runs deciding").isTrue();
      List<Instant> removedAt = new ArrayList<>();
      for (Case c : cases) {
        removedAt.add(world.emulator.clock().now());
        c.removal().accept(world);
      }
      boolean allStopped = world.await(Duration.ofSeconds(40), () -> ids.stream().allMatch(id -> !world.logEvents("finished", id).isEmpty()));
      Thread.sleep(2000); // anything looping would show by now (60 simulated seconds)

      Checks.onTime(world, LATENESS_BOUND, figures);
      assertThat(allStopped).as("every run ended: %s", world.log()).isTrue();
      for (int i = 0; i < cases.size(); i++) {
        String id = ids.get(i);
        JsonNode finished = world.logEvents("finished", id).get(0);
        Duration took = Duration.between(removedAt.get(i), Instant.parse(finished.path("time").asText()));
        Instant end = Instant.parse(finished.path("time").asText());
        long decisionsAfter = world.logEvents("decision", id).stream()
            .filter(d -> Instant.parse(d.path("time").asText()).isAfter(end)).count();
        long portFailures = world.logEvents("port-failed", id).size();
        figures.put(cases.get(i).what(), finished.path("outcome").asText() + " after " + Figures.seconds(took)
            + " (" + finished.path("reason").asText() + ")");
        figures.put(cases.get(i).group() + " port failures", portFailures);
        assertThat(world.logEvents("finished", id)).as("one end for %s", cases.get(i).what()).hasSize(1);
        assertThat(finished.path("outcome").asText()).as(cases.get(i).what()).isIn("STOPPED", "ALREADY_COMPLETED");
        assertThat(finished.path("reason").asText()).as("the reason is logged").isNotBlank();
        assertThat(took).as("%s noticed", cases.get(i).what()).isLessThanOrEqualTo(NOTICED_WITHIN.plus(world.maxLateness()));
        assertThat(decisionsAfter).as("no round after the end").isZero();
        assertThat(portFailures).as("no loop on errors").isLessThanOrEqualTo(3);
      }
    }
  }
}
