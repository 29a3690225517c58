package io.warmgate.bench;

import io.warmgate.core.port.GateListener.Outcome;
import java.util.Map;
import java.util.Objects;

/**
 * What one fleet scenario measured. Times are real unless named {@code simulated}; lateness
 * distributions are in simulated nanoseconds (divide by {@code speed} for real time).
 *
 * @param instances instances gated at once
 * @param speed simulated seconds per real second
 * @param setupSeconds real time from emulator start until every instance was waiting with its event
 * @param wallSeconds real time from the first {@code Gate.run} until the last run finished
 * @param simulatedSeconds the same span on the emulator's clock
 * @param outcomes finished runs per outcome
 * @param stillWaiting lifecycle actions the emulator still held when the scenario ended
 * @param threadsBaseline live threads before the gate started (harness, emulator, build tool)
 * @param threadsPeakProcess the JVM's peak live thread count while the gate ran
 * @param gateThreadsPeak the most threads born after the baseline (not the emulator's) alive at once
 * @param gateThreadNames their names at that peak (digits as N) with counts
 * @param threadsStarted threads started while the gate ran, however short-lived
 * @param heapBeforeBytes heap used after a forced GC with every instance waiting, before the gate
 * @param heapInFlightBytes heap used after a forced GC once every run had made a decision
 * @param peakHeapAfterGcBytes the largest post-GC heap occupancy seen while the gate ran
 * @param processCpuNanos CPU time of the whole process while the gate ran
 * @param emulatorCpuNanos CPU time of the emulator's own threads meanwhile
 * @param probes probes run
 * @param decisions decisions made
 * @param heartbeats heartbeats recorded
 * @param portFailures failed port calls
 * @param scheduledTasks tasks the gate put on its scheduler
 * @param apiCalls API calls the emulator answered while the gate ran, by action
 * @param timerLateness lateness of scheduled tasks against their due instant (simulated ns)
 * @param decisionLateness delay from a Wait's nextCheckAt to the next decision of that action (simulated ns)
 * @param commonPoolParallelism {@code ForkJoinPool.getCommonPoolParallelism()} of this JVM
 */
public record FleetFigures(
    int instances,
    double speed,
    double setupSeconds,
    double wallSeconds,
    double simulatedSeconds,
    Map<Outcome, Long> outcomes,
    int stillWaiting,
    int threadsBaseline,
    int threadsPeakProcess,
    int gateThreadsPeak,
    Map<String, Integer> gateThreadNames,
    long threadsStarted,
    long heapBeforeBytes,
    long heapInFlightBytes,
    long peakHeapAfterGcBytes,
    long processCpuNanos,
    long emulatorCpuNanos,
    long probes,
    long decisions,
    long heartbeats,
    long portFailures,
    long scheduledTasks,
    Map<String, Long> apiCalls,
    LatencyRecorder.Percentiles timerLateness,
    LatencyRecorder.Percentiles decisionLateness,
    int commonPoolParallelism) {

  public FleetFigures {
    outcomes = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    gateThreadNames = Map.copyOf(Objects.requireNonNull(gateThreadNames, "gateThreadNames"));
    apiCalls = Map.copyOf(Objects.requireNonNull(apiCalls, "apiCalls"));
    Objects.requireNonNull(timerLateness, "timerLateness");
    Objects.requireNonNull(decisionLateness, "decisionLateness");
  }

  /** Runs that ended with CONTINUE. */
  public long continued() {
    return outcomes.getOrDefault(Outcome.CONTINUED, 0L);
  }

  /** CPU not spent by the emulator's threads: the gate, the SDK, the HTTP client, GC and JIT. */
  public long gateSideCpuNanos() {
    return Math.max(0, processCpuNanos - emulatorCpuNanos);
  }

  /** Gate-side CPU per instance, in milliseconds. */
  public double gateCpuMsPerInstance() {
    return gateSideCpuNanos() / 1e6 / instances;
  }

  /** Heap the in-flight runs hold, per instance, in KiB (may be noisy or negative on tiny fleets). */
  public double heapKibPerInstance() {
    return (heapInFlightBytes - heapBeforeBytes) / 1024.0 / instances;
  }

  /** Probes per real second over the gate's wall time. */
  public double probesPerSecond() {
    return wallSeconds > 0 ? probes / wallSeconds : 0;
  }

  /** All API calls answered while the gate ran. */
  public long apiCallsTotal() {
    return apiCalls.values().stream().mapToLong(Long::longValue).sum();
  }
}
