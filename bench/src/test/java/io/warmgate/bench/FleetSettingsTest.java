package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetSettingsTest {

  private static FleetSettings with(int instances, double speed, Duration timeout) {
    return new FleetSettings(instances, Preset.WARMGATE, speed, 1L, 16, Optional.empty(), Duration.ofMinutes(30), timeout, Map.of());
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
  void anIntervalOverrideOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> new FleetSettings(10, Preset.WARMGATE, 10, 1L, 16, Optional.of(Duration.ofMillis(10)),
        Duration.ofMinutes(30), Duration.ofMinutes(1), Map.of())).hasMessageContaining("interval");
  }

  @Test
  void withInstancesAndWithPresetKeepEverythingElse() {
    FleetSettings s = with(1000, 10, Duration.ofMinutes(5));

    assertThat(s.withInstances(100)).isEqualTo(with(100, 10, Duration.ofMinutes(5)));
    assertThat(s.withPreset(Preset.USUAL_FIX).withPreset(Preset.WARMGATE)).isEqualTo(s);
    assertThat(s.withPreset(Preset.USUAL_FIX).preset()).isEqualTo(Preset.USUAL_FIX);
    assertThat(s.withSpeed(3.3).withSpeed(10)).isEqualTo(s);
  }

  @Test
  void moreSettingsMustBeTheGatesPolicySettings() {
    assertThatThrownBy(() -> new FleetSettings(10, Preset.WARMGATE, 10, 1L, 16, Optional.empty(), Duration.ofMinutes(30),
        Duration.ofMinutes(1), Map.of("AWS_REGION", "x"))).hasMessageContaining("AWS_REGION");
    assertThatThrownBy(() -> new FleetSettings(10, Preset.WARMGATE, 10, 1L, 16, Optional.empty(), Duration.ofMinutes(30),
        Duration.ofMinutes(1), Map.of("WARMGATE_PRESET", "usual-fix"))).hasMessageContaining("WARMGATE_PRESET");
  }

  @Test
  void presetsAreReadByTheirSettingNames() {
    assertThat(Preset.named(" Usual-Fix ")).isEqualTo(Preset.USUAL_FIX);
    assertThat(Preset.named("warmgate")).isEqualTo(Preset.WARMGATE);
    assertThatThrownBy(() -> Preset.named("fast")).hasMessageContaining("fast");
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
