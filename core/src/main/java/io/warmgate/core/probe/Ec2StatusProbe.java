package io.warmgate.core.probe;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * EC2's status checks through the {@link InstanceStatusChecks} port; passes when system and instance
 * checks are both {@code ok}.
 *
 * <p>The port blocks, so the call runs on the supplied executor; the probe fails (never throws) when
 * the port fails or takes longer than the timeout (on the gate's {@link Scheduler}). Thread-safe.
 */
public final class Ec2StatusProbe implements Probe {

  private final InstanceStatusChecks checks;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Duration timeout;

  /**
   * @param checks the status-check port
   * @param executor where the blocking call runs
   * @param scheduler the clock of the timeout and of results
   * @param timeout how long to wait for the port (the spec's {@code ec2status.timeout})
   */
  public Ec2StatusProbe(InstanceStatusChecks checks, Executor executor, Scheduler scheduler, Duration timeout) {
    this.checks = Objects.requireNonNull(checks, "checks");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return "ec2status";
  }

  @Override
  public CompletionStage<ProbeResult> check(ProbeTarget target) {
    Objects.requireNonNull(target, "target");
    long start = System.nanoTime();
    CompletableFuture<InstanceStatusChecks.Status> status;
    try {
      status = CompletableFuture.supplyAsync(() -> checks.status(target.instanceId()), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(ProbeOutcomes.fail(name(), "gate is overloaded: " + e.getMessage(), scheduler, start));
    }
    return Timeouts.within(status, timeout, scheduler)
        .handle(
            (s, failure) -> {
              if (failure != null) {
                return ProbeOutcomes.fail(name(), "status checks unavailable: " + ProbeOutcomes.describe(failure, timeout), scheduler, start);
              }
              String detail = "system " + s.system() + ", instance " + s.instance();
              return s.ok()
                  ? ProbeOutcomes.pass(name(), detail, scheduler, start)
                  : ProbeOutcomes.fail(name(), detail, scheduler, start);
            });
  }
}
