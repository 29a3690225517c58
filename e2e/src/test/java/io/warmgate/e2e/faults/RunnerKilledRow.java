package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Lambda runner dies mid-wait: the handler runs out of budget on every invocation (120 s against boots of
 * about 8 minutes) and the scheduled sweep resumes each wait. A group of two instances that boot and one that
 * never answers the probe, which must be abandoned at its deadline counted from LaunchTime. The daemon's half of
 * this fault, a real process killed with SIGKILL, is {@link DaemonKilledRow}.
 */
final class RunnerKilledRow implements FaultRow {

  private static final double SPEED = 30;
  private static final Duration DEADLINE = Duration.ofMinutes(15);
  private static final Duration INTERVAL = Duration.ofSeconds(15);
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);

  @Override
  public String fault() {
    return "Lambda runner cut mid-wait: its budget exhausted on every invocation";
  }

  @Override
  public String guarantee() {
    return "every wait resumed by the scheduled sweep and CONTINUEd once healthy; the deadline still counted from"
        + " LaunchTime; nothing completed twice";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    try (FaultWorld world = new FaultWorld("killed", SPEED, 306, EmulatorFaults.NONE)) {
      world.group("killed-lambda", 2, 600);
      world.group("killed-lambda-never", 1, 600, 9999, null);
      Map<String, String> env = FaultWorld.baseEnvironment();
      env.put("WARMGATE_DEADLINE", DEADLINE.toMinutes() + "m");
      env.put("WARMGATE_AT_DEADLINE", "ABANDON");
      // 120 s, as the seed stack's function: far shorter than a boot, so every invocation hands over. (Below 55 s
      // a run, less the 10 s safety margin, cannot hold the pool phase's look-ups, 30 s settle, last probe and
      // completion, and a streak does not survive a hand-over: the construct refuses such a timeout at synth
      // and the Lambda logs budgetTooShort. Measured: 60 s and 55 s pass this row, 50 s abandons.)
      try (LambdaRunner lambda = new LambdaRunner(world, List.of("killed-lambda", "killed-lambda-never"), env, Duration.ofSeconds(120))) {
        world.deliverWith(lambda::invokeAsync);
        lambda.sweepEvery(FaultWorld.SWEEP);
        for (String g : List.of("killed-lambda", "killed-lambda-never")) {
          world.fillPool(g, g.endsWith("never") ? 1 : 2);
        }

        // The booting groups' waits, and the first wait of each never-ready instance (its replacement waits on).
        boolean settled = world.await(Duration.ofSeconds(90), () ->
            world.instances("killed-lambda").stream().noneMatch(i -> world.waits(i).isOpen())
                && !world.waits(world.instances("killed-lambda-never").get(0)).isOpen());
        Checks.onTime(world, LATENESS_BOUND, figures);
        assertThat(settled).as("every first wait ended: %s", world.emulator.activeActions()).isTrue();
        figures.put("lambda invocations", lambda.invocations.get())
            .put("lambda hand-overs", lambda.finished.stream().filter(f -> f.outcome() == Outcome.HANDED_OVER).count());
        for (String g : List.of("killed-lambda")) {
          Figures f = new Figures();
          List<Checks.Wait> waits = Checks.everyWaitContinuedWhenHealthy(world, g, 2, f);
          figures.put(g, f.summary());
          assertThat(Checks.completions(world, g)).as("%s completed once each", g).isEqualTo(waits.size());
        }
        assertThat(lambda.finished).as("the Lambda handed over").anyMatch(f -> f.outcome() == Outcome.HANDED_OVER);
        for (String g : List.of("killed-lambda-never")) {
          InstanceSnapshot never = world.instances(g).get(0);
          List<TimelineEntry> abandons = world.entries(never.instanceId(), TimelineEntry.Kind.ACTION, "ABANDON");
          assertThat(abandons).as("%s abandoned by the gate (not by expiry): %s", g, world.emulator.timeline(never.instanceId()))
              .hasSize(1);
          Instant launched = never.launchTime();
          Duration at = Duration.between(launched, abandons.get(0).at());
          figures.put(g + " abandoned at", at);
          // The deadline from LaunchTime, found at the next round (or, for the Lambda, the next sweep's).
          assertThat(at).as("%s abandoned at its deadline from LaunchTime", g).isBetween(DEADLINE,
              DEADLINE.plus(FaultWorld.SWEEP).plus(INTERVAL).plusSeconds(10).plus(world.maxLateness()));
        }
        assertThat(world.entries(TimelineEntry.Kind.ACTION, "expired")).as("no hook expired").isEmpty();
        assertThat(lambda.failedInvocations).isEmpty();
      }
    }
  }
}
