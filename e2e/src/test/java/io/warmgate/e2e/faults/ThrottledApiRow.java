package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.List;

/**
 * A slow, failing API: 20% of calls throttled, 5% answered 500, 200 ms (real) added to every answer.
 * One group gated by the daemon, one by the Lambda handler, in the same emulator.
 */
final class ThrottledApiRow implements FaultRow {

  private static final double SPEED = 20;
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);

  @Override
  public String fault() {
    return "20% of API calls throttled, 5% answered 500, 200 ms added latency";
  }

  @Override
  public String guarantee() {
    return "every instance gated correctly by the daemon and by the Lambda handler; the injected faults were retried"
        + " (counted); no crash";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    int pool = longRun ? 5 : 3;
    EmulatorFaults faults = EmulatorFaults.NONE.withThrottleRate(0.2).withServerErrorRate(0.05)
        .withLatency(Duration.ofMillis(200));
    try (FaultWorld world = new FaultWorld("throttled", SPEED, 303, EmulatorFaults.NONE)) {
      world.group("slow-daemon", pool, 600);
      world.group("slow-lambda", pool, 600);
      world.startDaemon(List.of("slow-daemon"), FaultWorld.baseEnvironment(), false);
      try (LambdaRunner lambda = new LambdaRunner(world, List.of("slow-lambda"), FaultWorld.baseEnvironment(), Duration.ofSeconds(120))) {
        world.deliverWith(json -> {
          if (json.contains("\"slow-lambda\"")) {
            lambda.invokeAsync(json);
          } else {
            world.toCurrentDaemon(json);
          }
        });
        lambda.sweepEvery(Duration.ofSeconds(60));
        // The faults start once the groups exist, so every call of the gates meets them.
        world.emulator.faults(faults);
        world.fillPool("slow-daemon", pool);
        world.fillPool("slow-lambda", pool);
        boolean daemonDone = world.awaitSettled("slow-daemon", 0, pool, Duration.ofSeconds(120));
        boolean lambdaDone = world.awaitSettled("slow-lambda", 0, pool, Duration.ofSeconds(60));
        world.emulator.faults(EmulatorFaults.NONE);

        figures.put("throttled", world.emulator.injectedFaults().get("throttled"))
            .put("500s", world.emulator.injectedFaults().get("serverErrors"))
            .put("API calls", world.emulator.apiCallCounts().values().stream().mapToLong(Long::longValue).sum())
            .put("daemon port failures", world.logLines("port-failed").size())
            .put("lambda invocations", lambda.invocations.get()).put("lambda gate errors", lambda.gateErrors.get());
        Checks.onTime(world, LATENESS_BOUND, figures);
        assertThat(daemonDone).as("daemon's pool settled: %s", world.states("slow-daemon")).isTrue();
        assertThat(lambdaDone).as("lambda's pool settled: %s", world.states("slow-lambda")).isTrue();
        Figures daemon = new Figures();
        Figures fn = new Figures();
        Checks.everyWaitContinuedWhenHealthy(world, "slow-daemon", pool, daemon);
        Checks.everyWaitContinuedWhenHealthy(world, "slow-lambda", pool, fn);
        figures.put("daemon", daemon.summary()).put("lambda", fn.summary());
        assertThat(world.emulator.injectedFaults().get("throttled")).as("throttles injected and retried").isPositive();
        assertThat(world.emulator.injectedFaults().get("serverErrors")).as("500s injected and retried").isPositive();
        assertThat(lambda.failedInvocations).as("no invocation crashed").isEmpty();
        // An injected 500 that outlived the SDK's retries is logged as a retryable port failure and retried by the
        // gate; a run that gave up or hit a bug would end FAILED.
        assertThat(world.logLines("finished")).as("runs that gave up").noneMatch(l -> l.contains("\"outcome\":\"FAILED\""));
        assertThat(world.logLines("port-failed")).as("port failures are retryable ones").allMatch(l -> l.contains("\"retryable\":true"));
      }
    }
  }
}
