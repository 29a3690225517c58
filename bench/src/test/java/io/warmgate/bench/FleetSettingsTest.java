package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FleetSettingsTest {

  private static FleetSettings with(int instances, double speed, Duration timeout) {
    return new FleetSettings(instances, speed, 1L, 16, Duration.ofSeconds(15), Duration.ofMinutes(30), timeout);
  }

  @Test
  void aFleetBeyondTheBoundIsRefused() {
    assertThatThrownBy(() -> with(FleetSettings.MAX_INSTANCES + 1, 10, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instances");
  }

  @Test
  void aSpeedOutsideTheEmulatorsUsefulRangeIsRefused() {
    assertThatThrownBy(() -> with(10, 0.5, Duration.ofMinutes(1))).hasMessageContaining("speed");
    assertThatThrownBy(() -> with(10, 1000, Duration.ofMinutes(1))).hasMessageContaining("speed");
  }

  @Test
  void anUnboundedScenarioIsRefused() {
    assertThatThrownBy(() -> with(10, 10, Duration.ofHours(2))).hasMessageContaining("timeout");
  }

  @Test
  void withInstancesKeepsEverythingElse() {
    FleetSettings s = with(1000, 10, Duration.ofMinutes(5));

    assertThat(s.withInstances(100)).isEqualTo(with(100, 10, Duration.ofMinutes(5)));
  }

  @Test
  void durationsReadShortAndIsoForms() {
    FleetBenchmark.DurationConverter c = new FleetBenchmark.DurationConverter();

    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.convert("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> c.convert("soon")).hasMessageContaining("soon");
  }
}
