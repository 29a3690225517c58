package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetReportTest {

  private static LatencyRecorder.Percentiles seconds(long p50, long p99) {
    return new LatencyRecorder.Percentiles(100, p50 * 1_000_000_000L, p99 * 1_000_000_000L, p99 * 1_000_000_000L, p99 * 1_000_000_000L);
  }

  private static PhaseFigures phase(Phase p, int n, long describes, long latencyP50) {
    return new PhaseFigures(p, n, n, 2.0, 120, 1_000_000_000L,
        Map.of(CpuParts.EMULATOR, 100_000_000L, CpuParts.AWS_WORKERS, 600_000_000L, CpuParts.JIT, 300_000_000L),
        Map.of("CompleteLifecycleAction", (long) n, "DescribeInstances", describes, PhaseFigures.HEARTBEAT, (long) n),
        seconds(latencyP50, latencyP50 * 2));
  }

  private static FleetFigures fleet(int n, Preset preset, long describesPerInstance, long latencyP50) {
    LatencyRecorder.Percentiles p = new LatencyRecorder.Percentiles(n, 1_000_000, 2_000_000, 3_000_000, 4_000_000);
    return new FleetFigures(n, preset, 60, 0.5,
        List.of(phase(Phase.ENTERING_WARM_POOL, n, describesPerInstance * n, latencyP50),
            phase(Phase.LEAVING_WARM_POOL, n, describesPerInstance * n, latencyP50)),
        Map.of(Outcome.CONTINUED, 2L * n), 0, 20, 40, 20, Map.of("warmgate-worker-N", 16), 30, 10L << 20,
        (10L << 20) + n * 1024L, 12L << 20, 8L * n, 8L * n, 0, 0, 8L * n, p, p, 1, 0);
  }

  private static FleetReport report() {
    return new FleetReport(Map.of("cores", 2), Map.of("speed", 60.0),
        List.of(fleet(100, Preset.WARMGATE, 1, 3), fleet(100, Preset.USUAL_FIX, 8, 6),
            fleet(1000, Preset.WARMGATE, 1, 3), fleet(1000, Preset.USUAL_FIX, 8, 6)));
  }

  @Test
  void theJsonHoldsOneEntryPerFleetWithTheFieldsTheIssueAsksFor(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/fleet-figures.json");

    report().writeJson(file);

    JsonNode fleets = new ObjectMapper().readTree(Files.readString(file)).path("fleets");
    assertThat(fleets).hasSize(4);
    JsonNode usual = fleets.get(1);
    assertThat(usual.path("instances").asInt()).isEqualTo(100);
    assertThat(usual.path("preset").asText()).isEqualTo("usual-fix");
    assertThat(usual.path("detectionLatencyMs").path("leavingWarmPool").path("p50").asDouble()).isEqualTo(6000.0);
    assertThat(usual.path("detectionLatencyMs").path("enteringWarmPool").path("p99").asDouble()).isEqualTo(12000.0);
    // 8 lookups and the completion per instance; the heartbeat is counted apart
    assertThat(usual.path("apiCallsPerInstance").path("enteringWarmPool").asDouble()).isEqualTo(9.0);
    assertThat(usual.path("heartbeatsPerInstance").path("enteringWarmPool").asDouble()).isEqualTo(1.0);
    assertThat(usual.path("apiCallsByOperation").path("leavingWarmPool").path("DescribeInstances").asLong()).isEqualTo(800);
    assertThat(usual.path("processCpuSeconds").asDouble()).isEqualTo(2.0);
    assertThat(usual.path("wallSeconds").asDouble()).isEqualTo(4.0);
    assertThat(usual.path("peakHeapAfterGcMiB").asDouble()).isEqualTo(12.0);
    assertThat(usual.path("decisionLatenessSimMs").path("p99").asDouble()).isEqualTo(3.0);
    assertThat(usual.path("threadsStarted").asLong()).isEqualTo(30);
    assertThat(usual.path("valid").asBoolean()).isTrue();
    // 0.3 s of JIT per phase; the gate side is the process less the emulator (and the harness)
    assertThat(usual.path("cpuSecondsByPart").path(CpuParts.JIT).asDouble()).isEqualTo(0.6);
    assertThat(usual.path("gateSideCpuSeconds").asDouble()).isEqualTo(1.8);
  }

  @Test
  void aFleetWhoseDecisionsOrEmulatorRanTooLateIsNotValid() {
    FleetFigures onTime = fleet(100, Preset.WARMGATE, 1, 3);
    LatencyRecorder.Percentiles late = new LatencyRecorder.Percentiles(100, 1_000_000_000L, 2_000_000_000L, 2_100_000_000L, 9_000_000_000L);

    FleetFigures lateDecisions = new FleetFigures(100, Preset.WARMGATE, 60, 0.5, onTime.phases(), onTime.outcomes(), 0, 20, 40, 20,
        Map.of(), 30, 0, 0, 0, 800, 800, 0, 0, 800, late, late, 1, 0);
    FleetFigures lateEmulator = new FleetFigures(100, Preset.WARMGATE, 60, 0.5, onTime.phases(), onTime.outcomes(), 0, 20, 40, 20,
        Map.of(), 30, 0, 0, 0, 800, 800, 0, 0, 800, onTime.timerLateness(), onTime.decisionLateness(), 1,
        FleetFigures.EMULATOR_LATENESS_BOUND.toNanos() + 1);

    assertThat(onTime.valid()).isTrue();
    assertThat(lateDecisions.valid()).isFalse();
    assertThat(lateEmulator.valid()).isFalse();
    assertThat(new FleetReport(Map.of(), Map.of(), List.of(lateDecisions)).table()).containsPattern("valid \\(the machine kept up\\) +\\| +NO");
  }

  @Test
  void theAutoSpeedKeepsTheLeavingPoolsProbeRoundsNearItsRealRate() {
    assertThat(AutoSpeed.forFleet(50)).isEqualTo(AutoSpeed.MAX);
    assertThat(AutoSpeed.forFleet(1000)).isEqualTo(10.0);
    assertThat(AutoSpeed.forFleet(3000)).isEqualTo(3.3);
    assertThat(AutoSpeed.forFleet(500)).isEqualTo(AutoSpeed.MAX);
    assertThat(AutoSpeed.forFleet(FleetSettings.MAX_INSTANCES)).isEqualTo(2.0);
  }

  @Test
  void ratiosCompareWarmgateWithTheUsualFixOnTheSameFleetSize() throws Exception {
    JsonNode ratios = new ObjectMapper().readTree(report().json()).path("warmgateOverUsualFix");

    assertThat(ratios).hasSize(2);
    assertThat(ratios.get(1).path("instances").asInt()).isEqualTo(1000);
    assertThat(ratios.get(1).path("detectionLatencyP50.leavingWarmPool").asDouble()).isEqualTo(0.5);
    assertThat(ratios.get(1).path("apiCalls.DescribeInstances.enteringWarmPool").asDouble()).isEqualTo(0.13);
    assertThat(report().ratioTable()).contains("N=100").contains("N=1000");
  }

  @Test
  void theTablesHaveAColumnPerFleetAndAGrowthColumnPerLargerSize() {
    FleetReport report = report();

    assertThat(report.table().lines().findFirst().orElseThrow())
        .contains("N=100 wg").contains("N=100 usual").contains("N=1000 wg").contains("N=1000 usual");
    assertThat(report.growthTable()).contains("warmgate, over N=100").contains("usual-fix, over N=100");
    assertThat(report.growthTable().lines().filter(l -> l.startsWith("probes per instance")))
        .allSatisfy(l -> assertThat(l).endsWith("1.00"));
  }

  @Test
  void aFleetUnderOnePresetHasNoRatios() {
    FleetReport report = new FleetReport(Map.of(), Map.of(), List.of(fleet(50, Preset.WARMGATE, 1, 3)));

    assertThat(report.ratioTable()).isEmpty();
    assertThat(report.growthTable()).isEmpty();
  }
}
