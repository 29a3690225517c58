package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void percentilesUseTheNearestRank() {
    LatencyRecorder r = new LatencyRecorder(1000);
    for (int i = 100; i >= 1; i--) {
      r.record(i);
    }

    LatencyRecorder.Percentiles p = r.percentiles();

    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p90()).isEqualTo(90);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.max()).isEqualTo(100);
  }

  @Test
  void negativeSamplesCountAsZeroAndSamplesBeyondCapacityAreOnlyCounted() {
    LatencyRecorder r = new LatencyRecorder(2);
    r.record(-5);
    r.record(7);
    r.record(1_000_000);

    LatencyRecorder.Percentiles p = r.percentiles();

    assertThat(p.count()).isEqualTo(3);
    assertThat(p.p50()).isZero();
    assertThat(p.max()).isEqualTo(7);
  }

  @Test
  void anEmptyRecorderReportsZeros() {
    assertThat(new LatencyRecorder(1).percentiles()).isEqualTo(new LatencyRecorder.Percentiles(0, 0, 0, 0, 0));
  }

  @Test
  void scalingDownConvertsSimulatedToRealTime() {
    assertThat(new LatencyRecorder.Percentiles(4, 60, 120, 600, 6000).scaledDown(60))
        .isEqualTo(new LatencyRecorder.Percentiles(4, 1, 2, 10, 100));
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new LatencyRecorder(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
