package io.warmgate.bench;

import io.warmgate.core.port.GateListener.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one fleet scenario measured, over both phases (entering and leaving the warm pool). Times are
 * real unless named {@code simulated}; lateness distributions are in simulated nanoseconds (divide by
 * {@code speed} for real time). CPU, probes and decisions count the gating phases only, not the pause in
 * which the instances stop in the pool.
 *
 * @param instances instances in the fleet
 * @param preset the preset that gated them
 * @param speed simulated seconds per real second
 * @param setupSeconds real time from emulator start until every instance was waiting with its event
 * @param phases the figures of each gated phase, in order
 * @param outcomes finished runs per outcome, both phases
 * @param stillWaiting lifecycle actions the emulator still held when the scenario ended
 * @param threadsBaseline live threads before the gate started (harness, emulator, build tool)
 * @param threadsPeakProcess the JVM's peak live thread count while the gate ran
 * @param gateThreadsPeak the most threads born after the baseline (not the emulator's) alive at once
 * @param gateThreadNames their names at that peak (digits as N) with counts
 * @param threadsStarted threads started while the gate ran, however short-lived
 * @param heapBeforeBytes heap used after a forced GC with every instance waiting, before the gate
 * @param heapInFlightBytes heap used after a forced GC once every run of the first phase had decided
 * @param peakHeapAfterGcBytes the largest post-GC heap occupancy seen while the gate ran
 * @param probes probes run
 * @param decisions decisions made (one per probe round)
 * @param heartbeats heartbeats recorded
 * @param portFailures failed port calls
 * @param scheduledTasks tasks the gate put on its scheduler
 * @param timerLateness lateness of scheduled tasks against their due instant (simulated ns)
 * @param decisionLateness delay from a Wait's nextCheckAt to the next decision of that action (simulated ns)
 * @param commonPoolParallelism {@code ForkJoinPool.getCommonPoolParallelism()} of this JVM
 * @param emulatorMaxLatenessNanos how late the emulator's own timers ran at worst over the scenario (simulated ns)
 */
public record FleetFigures(
    int instances,
    Preset preset,
    double speed,
    double setupSeconds,
    List<PhaseFigures> phases,
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
    long probes,
    long decisions,
    long heartbeats,
    long portFailures,
    long scheduledTasks,
    LatencyRecorder.Percentiles timerLateness,
    LatencyRecorder.Percentiles decisionLateness,
    int commonPoolParallelism,
    long emulatorMaxLatenessNanos) {

  /**
   * The most decision lateness (p99, simulated) for the figures to describe the gate rather than a
   * machine that could not keep up with the speed: the target itself, one leaving-pool interval.
   */
  public static final Duration DECISION_LATENESS_BOUND = Duration.ofSeconds(2);
  /** The most the emulator's own timers (boots, hook timeouts) may run late, simulated: a few probe intervals. */
  public static final Duration EMULATOR_LATENESS_BOUND = Duration.ofSeconds(5);

  public FleetFigures {
    Objects.requireNonNull(preset, "preset");
    phases = List.copyOf(Objects.requireNonNull(phases, "phases"));
    outcomes = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    gateThreadNames = Map.copyOf(Objects.requireNonNull(gateThreadNames, "gateThreadNames"));
    Objects.requireNonNull(timerLateness, "timerLateness");
    Objects.requireNonNull(decisionLateness, "decisionLateness");
  }

  /** Runs that ended with CONTINUE, both phases. */
  public long continued() {
    return outcomes.getOrDefault(Outcome.CONTINUED, 0L);
  }

  /** Lifecycle actions gated, both phases. */
  public int actions() {
    return phases.stream().mapToInt(PhaseFigures::actions).sum();
  }

  /** True when every action of every phase was completed with CONTINUE and none is left waiting. */
  public boolean allContinued() {
    return stillWaiting == 0 && continued() == actions() && actions() == instances * phases.size();
  }

  /** Real time spent gating, both phases. */
  public double wallSeconds() {
    return phases.stream().mapToDouble(PhaseFigures::wallSeconds).sum();
  }

  /** Process CPU while gating, both phases. */
  public long processCpuNanos() {
    return phases.stream().mapToLong(PhaseFigures::processCpuNanos).sum();
  }

  /** CPU of the emulator's threads while gating. */
  public long emulatorCpuNanos() {
    return phases.stream().mapToLong(PhaseFigures::emulatorCpuNanos).sum();
  }

  /** CPU of the harness's own threads while gating. */
  public long harnessCpuNanos() {
    return phases.stream().mapToLong(PhaseFigures::harnessCpuNanos).sum();
  }

  /** CPU while gating by part ({@link CpuParts#ORDER}), both phases. */
  public Map<String, Long> cpuNanosByPart() {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    phases.forEach(p -> p.cpuNanosByPart().forEach((k, v) -> m.merge(k, v, Long::sum)));
    return m;
  }

  /** CPU spent neither by the emulator's threads nor the harness's: the gate, the SDK, GC and JIT. */
  public long gateSideCpuNanos() {
    return Math.max(0, processCpuNanos() - emulatorCpuNanos() - harnessCpuNanos());
  }

  /** The JIT compiler's share of the gate side, which a long-running gate amortizes. */
  public long jitNanos() {
    return cpuNanosByPart().getOrDefault(CpuParts.JIT, 0L);
  }

  /**
   * Whether the machine kept up with the speed: decision lateness p99 and the emulator's worst timer
   * lateness within their bounds. When not, every latency here measures the machine, not the gate.
   */
  public boolean valid() {
    return decisionLateness.p99() <= DECISION_LATENESS_BOUND.toNanos() && emulatorMaxLatenessNanos <= EMULATOR_LATENESS_BOUND.toNanos();
  }

  /** Average cores the whole process kept busy while gating. */
  public double processCores() {
    double wall = wallSeconds();
    return wall > 0 ? processCpuNanos() / 1e9 / wall : 0;
  }

  /** Gate-side CPU per probe round (one round is one decision), in milliseconds. */
  public double gateCpuMsPerRound() {
    return decisions == 0 ? 0 : gateSideCpuNanos() / 1e6 / decisions;
  }

  /** Gate-side CPU per probe round without the JIT compiler's time, in milliseconds: the steady state. */
  public double gateCpuMsPerRoundWithoutJit() {
    return decisions == 0 ? 0 : Math.max(0, gateSideCpuNanos() - jitNanos()) / 1e6 / decisions;
  }

  /** Heap the first phase's in-flight runs hold, per instance, in KiB (noisy on tiny fleets). */
  public double heapKibPerInstance() {
    return (heapInFlightBytes - heapBeforeBytes) / 1024.0 / instances;
  }

  /** API calls of both phases by operation. */
  public Map<String, Long> apiCalls() {
    Map<String, Long> m = new java.util.TreeMap<>();
    phases.forEach(p -> p.apiCalls().forEach((k, v) -> m.merge(k, v, Long::sum)));
    return m;
  }
}
