package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.port.GateListener.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetReportTest {

  private static FleetFigures figures(int n, int threads, long cpuNanos) {
    LatencyRecorder.Percentiles p = new LatencyRecorder.Percentiles(n, 1_000_000, 2_000_000, 3_000_000, 4_000_000);
    return new FleetFigures(n, 10, 0.5, 16, 160, Map.of(Outcome.CONTINUED, (long) n, Outcome.STOPPED, 0L), 0, 20, 20 + threads,
        threads, Map.of("warmgate-worker-N", 16), 8L * n, 10L << 20, (10L << 20) + n * 1024L, 12L << 20, cpuNanos, cpuNanos / 10,
        8L * n, 8L * n, 0, 0, 8L * n, Map.of("CompleteLifecycleAction", (long) n), p, p, 1);
  }

  @Test
  void twoScenariosGetARatioColumnOfLargeOverSmall() {
    FleetReport report = new FleetReport(Map.of("cores", 2), Map.of("speed", 10.0),
        List.of(figures(100, 25, 1_000_000_000L), figures(1000, 26, 5_000_000_000L)));

    String table = report.table();

    assertThat(table).contains("N=100").contains("N=1000").contains("ratio");
    assertThat(table.lines().filter(l -> l.startsWith("instances waiting at once"))).singleElement()
        .asString().endsWith("10.00");
    assertThat(report.ratios()).containsEntry("gateThreadsPeak", 1.04).containsEntry("gateCpuPerInstance", 0.5);
    // the fixtures add 1 KiB of heap per instance, and gate-side CPU (90% of it) grows by 3.6 s over 900 instances
    assertThat(report.marginal()).containsEntry("heapKibPerAddedInstance", 1.0).containsEntry("gateCpuMsPerAddedInstance", 4.0);
  }

  @Test
  void theJsonHoldsMachineSettingsScenariosAndRatios(@TempDir Path dir) throws Exception {
    FleetReport report = new FleetReport(Map.of("cores", 2), Map.of("speed", 10.0),
        List.of(figures(100, 25, 1_000_000_000L), figures(1000, 26, 5_000_000_000L)));
    Path file = dir.resolve("out/fleet.json");

    report.writeJson(file);

    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertThat(root.path("machine").path("cores").asInt()).isEqualTo(2);
    assertThat(root.path("scenarios")).hasSize(2);
    assertThat(root.path("scenarios").get(1).path("outcomes").path("CONTINUED").asLong()).isEqualTo(1000);
    assertThat(root.path("scenarios").get(0).path("timerLateness").path("p99").asLong()).isEqualTo(3_000_000);
    assertThat(root.path("ratios").path("instances").asDouble()).isEqualTo(10.0);
  }

  @Test
  void oneScenarioHasNoRatios() {
    FleetReport report = new FleetReport(Map.of(), Map.of(), List.of(figures(50, 10, 1)));

    assertThat(report.ratios()).isEmpty();
    assertThat(report.marginal()).isEmpty();
    assertThat(report.table()).doesNotContain("ratio");
  }
}
