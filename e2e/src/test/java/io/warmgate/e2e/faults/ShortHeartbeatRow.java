package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.ActionSnapshot;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hook whose heartbeat timeout (60 s) is far shorter than the boot (a fixed 15 min first-boot setup):
 * only heartbeats keep it alive, and Auto Scaling's global timeout (100 x 60 s) caps how long they can.
 */
final class ShortHeartbeatRow implements FaultRow {

  // Slower than the other rows: a heartbeat is due every 20 simulated seconds, 1.7 s of real time here.
  private static final double SPEED = 12;
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(15);

  @Override
  public String fault() {
    return "heartbeat timeout 60 s against a 15 min boot";
  }

  @Override
  public String guarantee() {
    return "heartbeats keep the hook alive through the boot (no expiry), every wait CONTINUEd once healthy, all"
        + " within Auto Scaling's global timeout";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    BootProfile fifteen = BootProfile.windows().withFirstBootSetup(Distribution.fixed(Duration.ofMinutes(15)), Duration.ofSeconds(20));
    int pool = longRun ? 4 : 2;
    try (FaultWorld world = new FaultWorld("heartbeat", SPEED, 307, EmulatorFaults.NONE, fifteen)) {
      world.group("short-heartbeat", pool, 60);
      Map<String, String> env = FaultWorld.baseEnvironment();
      env.put("WARMGATE_HEARTBEAT_MARGIN", "40s");
      world.startDaemon(List.of("short-heartbeat"), env, false);
      world.fillPool("short-heartbeat", pool);
      Map<String, Instant> globalDeadlines = new ConcurrentHashMap<>();
      boolean settled = world.await(Duration.ofSeconds(150), () -> {
        for (ActionSnapshot a : world.emulator.activeActions()) {
          globalDeadlines.putIfAbsent(a.instanceId(), a.globalDeadline());
        }
        return world.instances("short-heartbeat").size() == pool
            && world.instances("short-heartbeat").stream().allMatch(i -> i.lifecycleState().equals("Warmed:Stopped"));
      });
      Checks.onTime(world, LATENESS_BOUND, figures);
      assertThat(settled).as("pool filled: %s", world.states("short-heartbeat")).isTrue();
      List<Checks.Wait> waits = Checks.everyWaitContinuedWhenHealthy(world, "short-heartbeat", pool, figures);
      int minHeartbeats = waits.stream().mapToInt(Checks.Wait::heartbeats).min().orElse(0);
      Duration longest = waits.stream().map(w -> Duration.between(w.started(), w.end().get().at())).max(Duration::compareTo).orElseThrow();
      figures.put("min heartbeats per wait", minHeartbeats).put("longest wait", longest);
      assertThat(world.entries(TimelineEntry.Kind.ACTION, "expired")).as("no hook expired").isEmpty();
      assertThat(longest).as("the boot outlasted many heartbeat timeouts").isGreaterThan(Duration.ofMinutes(15));
      assertThat(minHeartbeats).as("heartbeats kept each wait alive").isGreaterThanOrEqualTo(15);
      for (Checks.Wait w : waits) {
        Instant global = globalDeadlines.get(w.instanceId());
        assertThat(global).as("global deadline seen for %s", w.instanceId()).isNotNull();
        assertThat(Duration.between(w.started(), global)).isEqualTo(Duration.ofMinutes(100));
        assertThat(w.end().get().at()).as("completed within the global timeout").isBefore(global);
      }
      figures.put("global timeout", Duration.ofMinutes(100));
    }
  }
}
