package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon dies mid-wait, for real: {@code warmgate run} runs as its own process from the built CLI jar, gets
 * the lifecycle events on its listener, and is killed with SIGKILL while its waits are open; a new process starts
 * ten seconds later. Real time (a process reads the wall clock), so the instances boot in about 30 s: a group of
 * two that boot, and one instance that never answers the probe, which must be abandoned at its deadline counted
 * from LaunchTime.
 */
final class DaemonKilledRow implements FaultRow {

  private static final Duration DEADLINE = Duration.ofSeconds(100);
  private static final Duration SWEEP = Duration.ofSeconds(5);
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Pattern DEADLINE_IN_REASON = Pattern.compile("deadline (\\S+Z)\\)");

  /**
   * The Windows-like profile, shortened to real time: a first-boot setup of about 15 s inside a boot of about
   * 30 s, so a stop in the middle of it still corrupts the instance.
   */
  static BootProfile shortWindows() {
    return new BootProfile("windows", true,
        Distribution.uniform(Duration.ofSeconds(2), Duration.ofSeconds(4)),
        Distribution.uniform(Duration.ofSeconds(4), Duration.ofSeconds(6)),
        Distribution.logNormal(Duration.ofSeconds(15), 0.1, Duration.ofSeconds(12), Duration.ofSeconds(20)),
        Duration.ofSeconds(3),
        Distribution.uniform(Duration.ofSeconds(2), Duration.ofSeconds(3)),
        Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** The gate's settings for a real-time row: short settle and deadline, heartbeats well inside a 120 s hook. */
  static Map<String, String> realTimeEnvironment() {
    Map<String, String> env = new HashMap<>(FaultWorld.baseEnvironment());
    env.put("WARMGATE_HEARTBEAT_MARGIN", "60s");
    env.put("WARMGATE_SETTLE", "5s");
    return env;
  }

  @Override
  public String fault() {
    return "daemon process (the CLI jar) killed with SIGKILL mid-wait and restarted";
  }

  @Override
  public String guarantee() {
    return "every wait resumed and CONTINUEd once healthy; the deadline still counted from LaunchTime; nothing completed"
        + " twice; no hook expired";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    try (FaultWorld world = new FaultWorld("daemon-killed", 1, 310, EmulatorFaults.NONE, shortWindows())) {
      world.group("process", 2, 120);
      world.group("process-never", 1, 120, 9999, null);
      Map<String, String> env = realTimeEnvironment();
      env.put("WARMGATE_DEADLINE", DEADLINE.toSeconds() + "s");
      env.put("WARMGATE_AT_DEADLINE", "ABANDON");
      List<String> args = List.of("--group", "process", "--group", "process-never", "--listen", "127.0.0.1:0",
          "--sweep-interval", SWEEP.toSeconds() + "s", "--shutdown-grace", "5s");
      CliDaemon first = world.startProcess(args, env);
      assertThat(world.await(Duration.ofSeconds(120), () -> first.port().isPresent()))
          .as("the first process listens: %s", first).isTrue();
      CliDaemon[] current = {first};
      world.deliverWith(json -> current[0].post(json));
      world.fillPool("process", 2);
      world.fillPool("process-never", 1);
      Instant t0 = world.emulator.clock().now();

      assertThat(world.await(Duration.ofSeconds(60), () -> world.emulator.clock().now().isAfter(t0.plusSeconds(12))
          && world.logLines("decision").size() >= 6)).as("the first process gates: %s", first).isTrue();
      long openAtKill = world.emulator.activeActions().size();
      int status = first.kill();
      Instant killedAt = world.emulator.clock().now();
      assertThat(status).as("SIGKILL ended it (128 + 9)").isEqualTo(137);
      assertThat(openAtKill).as("waits were open when it died").isPositive();
      Thread.sleep(10_000);
      CliDaemon second = world.startProcess(args, env);
      current[0] = second;
      Instant restartedAt = world.emulator.clock().now();

      boolean settled = world.await(Duration.ofSeconds(150), () ->
          world.instances("process").stream().noneMatch(i -> world.waits(i).isOpen())
              && !world.waits(world.instances("process-never").get(0)).isOpen());
      Checks.onTime(world, Duration.ofSeconds(5), figures);
      figures.put("killed at", Duration.between(t0, killedAt)).put("exit status", status)
          .put("waits open at the kill", openAtKill).put("restarted at", Duration.between(t0, restartedAt));
      assertThat(settled).as("every first wait ended: %s", world.emulator.activeActions()).isTrue();
      Figures f = new Figures();
      List<Checks.Wait> waits = Checks.everyWaitContinuedWhenHealthy(world, "process", 2, f);
      figures.put("process", f.summary());
      assertThat(Checks.completions(world, "process")).as("completed once each").isEqualTo(waits.size());
      InstanceSnapshot never = world.instances("process-never").get(0);
      List<TimelineEntry> abandons = world.entries(never.instanceId(), TimelineEntry.Kind.ACTION, "ABANDON");
      assertThat(abandons).as("abandoned by the gate (not by expiry): %s", world.emulator.timeline(never.instanceId()))
          .hasSize(1);
      // The process reads the wall clock and the emulator at 1x its monotonic clock; on a loaded machine they drift
      // apart by seconds (measured below), so the deadline is checked on the gate's clock: its ABANDON names the
      // deadline, LaunchTime (as EC2 reported it) + the deadline, and went out after it.
      // The process's line may still be on its way through the pipe.
      world.await(Duration.ofSeconds(15), () -> world.logEvents("finished", never.instanceId()).stream()
          .anyMatch(n -> "ABANDONED".equals(n.path("outcome").asText())));
      JsonNode finished = world.logEvents("finished", never.instanceId()).stream()
          .filter(n -> "ABANDONED".equals(n.path("outcome").asText())).findFirst().orElseThrow(
              () -> new AssertionError("no ABANDONED line for " + never.instanceId() + " in " + world.logLines("finished")));
      Matcher m = DEADLINE_IN_REASON.matcher(finished.path("reason").asText());
      assertThat(m.find()).as("the ABANDON names its deadline: %s", finished).isTrue();
      Instant deadline = Instant.parse(m.group(1));
      Duration late = Duration.between(deadline, Instant.parse(finished.path("time").asText()));
      figures.put("never-ready abandoned after its deadline by", late)
          .put("wall clock - emulator clock", Duration.between(world.emulator.clock().now(), Instant.now()));
      assertThat(deadline).as("the deadline counts from LaunchTime")
          .isEqualTo(never.launchTime().plus(DEADLINE).truncatedTo(ChronoUnit.MILLIS));
      // Found at the next round or sweep.
      assertThat(late).as("abandoned at its deadline").isBetween(Duration.ZERO, SWEEP.plus(INTERVAL).plusSeconds(10));
      assertThat(world.entries(TimelineEntry.Kind.ACTION, "expired")).as("no hook expired").isEmpty();
      assertThat(second.isAlive()).as("the second process still runs").isTrue();
    }
  }
}
