package io.warmgate.bench;

import io.warmgate.core.model.Phase;
import java.util.Map;
import java.util.Objects;

/**
 * What one phase of a fleet scenario measured: every instance entering the warm pool, or every
 * instance leaving it on a scale-out.
 *
 * @param phase the phase
 * @param actions lifecycle actions gated in this phase
 * @param continued of those, completed with CONTINUE
 * @param wallSeconds real time from the first run of the phase until its last finished
 * @param simulatedSeconds the same span on the emulator's clock
 * @param processCpuNanos CPU time of the whole process meanwhile
 * @param cpuNanosByPart CPU time meanwhile by part ({@link CpuParts#ORDER}: the gate's threads, JIT, GC
 *     and VM, the emulator, the harness), summing to {@code processCpuNanos}
 * @param apiCalls API calls the gate made in this phase, by operation (heartbeats included)
 * @param detectionLatency health endpoint turned 200 until CompleteLifecycleAction received (simulated ns)
 */
public record PhaseFigures(
    Phase phase,
    int actions,
    long continued,
    double wallSeconds,
    double simulatedSeconds,
    long processCpuNanos,
    Map<String, Long> cpuNanosByPart,
    Map<String, Long> apiCalls,
    LatencyRecorder.Percentiles detectionLatency) {

  /** The operation heartbeats use; counted apart from the per-instance calls. */
  public static final String HEARTBEAT = "RecordLifecycleActionHeartbeat";

  public PhaseFigures {
    Objects.requireNonNull(phase, "phase");
    cpuNanosByPart = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(cpuNanosByPart, "cpuNanosByPart")));
    apiCalls = Map.copyOf(Objects.requireNonNull(apiCalls, "apiCalls"));
    Objects.requireNonNull(detectionLatency, "detectionLatency");
  }

  /** CPU of the emulator's threads meanwhile. */
  public long emulatorCpuNanos() {
    return cpuNanosByPart.getOrDefault(CpuParts.EMULATOR, 0L);
  }

  /** CPU of the harness's own threads meanwhile (its main thread, the sampler). */
  public long harnessCpuNanos() {
    return cpuNanosByPart.getOrDefault(CpuParts.HARNESS, 0L);
  }

  /** API calls of this phase, heartbeats excluded. */
  public long apiCallsWithoutHeartbeats() {
    return apiCalls.entrySet().stream().filter(e -> !e.getKey().equals(HEARTBEAT)).mapToLong(Map.Entry::getValue).sum();
  }

  /** API calls per gated action, heartbeats excluded (the completion is one of them). */
  public double apiCallsPerInstance() {
    return actions == 0 ? 0 : (double) apiCallsWithoutHeartbeats() / actions;
  }

  /** Heartbeats per gated action. */
  public double heartbeatsPerInstance() {
    return actions == 0 ? 0 : (double) apiCalls.getOrDefault(HEARTBEAT, 0L) / actions;
  }
}
