package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.model.Phase;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.TimelineEntry.Kind;
import io.warmgate.emulator.TimelineEntry.Milestone;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionLatencyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static TimelineEntry at(int second, Kind kind, String to) {
    return new TimelineEntry(T0.plusSeconds(second), "i-1", "g", kind, null, to);
  }

  @Test
  void countsFromTheLastTurnToHealthyUntilTheCompletionPerPhase() {
    List<TimelineEntry> timeline = List.of(
        at(0, Kind.LIFECYCLE, "Warmed:Pending:Wait"),
        at(40, Kind.HEALTH, "os-up"),
        at(60, Kind.HEALTH, "healthy"),
        at(95, Kind.ACTION, "CONTINUE ready"),
        at(96, Kind.EC2, "stopping"),
        at(110, Kind.LIFECYCLE, "Warmed:Stopped"),
        at(200, Kind.LIFECYCLE, "Pending"),
        at(200, Kind.EC2, "pending"),
        at(201, Kind.LIFECYCLE, "Pending:Wait"),
        at(260, Kind.HEALTH, "healthy"),
        at(262, Kind.ACTION, "CONTINUE ready"));

    Map<Phase, LatencyRecorder> latency = DetectionLatency.of(timeline, "g", Map.of());

    assertThat(latency.get(Phase.ENTERING_WARM_POOL).percentiles().max()).isEqualTo(35_000_000_000L);
    assertThat(latency.get(Phase.LEAVING_WARM_POOL).percentiles().max()).isEqualTo(2_000_000_000L);
    assertThat(latency).doesNotContainKey(Phase.COLD_START);
  }

  @Test
  void aCompletionWithoutAHealthyBootOrOfAnotherGroupIsNotCounted() {
    List<TimelineEntry> timeline = List.of(
        at(0, Kind.LIFECYCLE, "Pending:Wait"),
        at(30, Kind.ACTION, "ABANDON ready"),
        at(40, Kind.HEALTH, "healthy"),
        at(41, Kind.EC2, "stopping"),
        at(50, Kind.ACTION, "CONTINUE ready"));

    assertThat(DetectionLatency.of(timeline, "g", Map.of())).isEmpty();
    assertThat(DetectionLatency.of(List.of(at(0, Kind.HEALTH, "healthy"), at(1, Kind.ACTION, "CONTINUE ready")), "other", Map.of()))
        .isEmpty();
  }

  @Test
  void anActionHandedToTheGateAfterTheEndpointTurnedHealthyCountsFromTheHandOver() {
    List<TimelineEntry> timeline = List.of(
        at(0, Kind.LIFECYCLE, "Warmed:Pending:Wait"),
        at(60, Kind.HEALTH, "healthy"),
        at(130, Kind.ACTION, "CONTINUE ready"));

    Map<Phase, LatencyRecorder> latency =
        DetectionLatency.of(timeline, "g", Map.of(Phase.ENTERING_WARM_POOL, Map.of("i-1", T0.plusSeconds(90))));

    assertThat(latency.get(Phase.ENTERING_WARM_POOL).percentiles().max()).isEqualTo(40_000_000_000L);
  }

  @Test
  void theConsolesReadyLineAtTheSameInstantAsTheTurnToHealthyKeepsTheHealthySpan() {
    // The emulator writes cloud-init's line when a Linux instance turns healthy, recorded just after it.
    List<TimelineEntry> timeline = List.of(
        at(0, Kind.LIFECYCLE, "Warmed:Pending:Wait"),
        at(60, Kind.HEALTH, Milestone.HEALTHY.text()),
        at(60, Kind.HEALTH, Milestone.CONSOLE_READY.text()),
        at(64, Kind.HEALTH, Milestone.SETUP_SAVED.text()),
        at(90, Kind.ACTION, "CONTINUE ready"));

    Map<Phase, LatencyRecorder> latency = DetectionLatency.of(timeline, "g", Map.of());

    assertThat(latency.get(Phase.ENTERING_WARM_POOL).percentiles().max()).isEqualTo(30_000_000_000L);
  }

  @Test
  void aCorruptedOrUnhealthyInstanceEndsTheHealthySpanAndAnUnknownMilestoneIsRefused() {
    for (Milestone end : List.of(Milestone.CORRUPTED, Milestone.UNHEALTHY)) {
      List<TimelineEntry> timeline = List.of(
          at(0, Kind.LIFECYCLE, "Pending:Wait"),
          at(60, Kind.HEALTH, Milestone.HEALTHY.text()),
          at(70, Kind.HEALTH, end.text()),
          at(90, Kind.ACTION, "CONTINUE ready"));
      assertThat(DetectionLatency.of(timeline, "g", Map.of())).as(end.text()).isEmpty();
    }
    assertThatThrownBy(() -> DetectionLatency.of(List.of(at(0, Kind.HEALTH, "half-healthy")), "g", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half-healthy");
  }
}
