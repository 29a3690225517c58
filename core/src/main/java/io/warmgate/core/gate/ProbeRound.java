package io.warmgate.core.gate;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.port.Scheduler;
import io.warmgate.core.probe.CappedCheck;
import io.warmgate.core.probe.Probe;
import io.warmgate.core.probe.ProbeTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One probe round as the gate runs it, shared by the gate's loop and {@link GateCheck}. */
final class ProbeRound {

  private ProbeRound() {}

  /**
   * Runs every probe at once against {@code target}, each capped at {@code cap}; a probe that needs an
   * address fails at once while the instance has none.
   *
   * @return the results in the specs' order; the stage always completes normally
   */
  static CompletableFuture<List<ProbeResult>> run(
      List<ProbeSpec> specs, List<Probe> probes, ProbeTarget target, Duration cap, Scheduler scheduler) {
    List<CompletableFuture<ProbeResult>> running = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      Probe probe = probes.get(i);
      running.add(
          specs.get(i).needsAddress() && target.address().isEmpty()
              ? CompletableFuture.completedFuture(ProbeResult.fail(probe.name(), "no private IP yet", scheduler.now(), Duration.ZERO))
              : CappedCheck.check(probe, target, cap, scheduler));
    }
    return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
        .handle((v, t) -> running.stream().map(CompletableFuture::join).toList()); // every stage completes normally
  }
}
