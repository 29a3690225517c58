package io.warmgate.core.probe;

import io.warmgate.core.model.Durations;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Runs one probe check capped by the policy's probe timeout, the way every runner must: a probe that
 * throws, completes exceptionally, returns nothing or outlives the cap becomes a failing result, so the
 * gate and {@code warmgate check} judge the same answer the same way.
 */
public final class CappedCheck {

  private CappedCheck() {}

  /**
   * Checks {@code target} with {@code probe}, failing it after {@code cap}.
   *
   * @param scheduler times the cap (on its own clock, so an accelerated or virtual one too) and stamps the result
   * @return a stage that always completes normally
   */
  public static CompletableFuture<ProbeResult> check(Probe probe, ProbeTarget target, Duration cap, Scheduler scheduler) {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(scheduler, "scheduler");
    long start = System.nanoTime();
    CompletableFuture<ProbeResult> stage;
    try {
      stage = probe.check(target).toCompletableFuture().copy();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    // Probes keep their own timeouts; the cap bounds them all, and catches a probe that breaks its
    // promise to complete.
    return Timeouts.within(stage, cap, scheduler)
        .handle(
            (r, t) -> {
              if (t == null && r != null) {
                return r;
              }
              Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
              String why =
                  cause == null
                      ? "probe returned nothing"
                      : cause instanceof TimeoutException
                          ? "timeout after " + Durations.human(cap) + " (probeTimeout)"
                          : "probe failed: " + cause;
              return ProbeResult.fail(probe.name(), why, scheduler.now(), ProbeOutcomes.since(start));
            });
  }
}
