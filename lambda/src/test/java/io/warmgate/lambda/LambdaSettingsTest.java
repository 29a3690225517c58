package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    LambdaSettings s = LambdaSettings.fromEnvironment(Map.of());

    assertThat(s.groups()).isEmpty();
    assertThat(s.managedTag()).isEqualTo("warmgate:managed");
    assertThat(s.safetyMargin()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.workers()).isEqualTo(16);
  }

  @Test
  void readsGroupsTagMarginAndWorkers() {
    LambdaSettings s = LambdaSettings.fromEnvironment(Map.of(
        "WARMGATE_GROUPS", " web, api ,,web ",
        "WARMGATE_MANAGED_TAG", "none",
        "WARMGATE_LAMBDA_SAFETY_MARGIN", "2s500ms",
        "WARMGATE_LAMBDA_WORKERS", "4"));

    assertThat(s.groups()).containsExactly("web", "api");
    assertThat(s.managedTag()).isEmpty();
    assertThat(s.safetyMargin()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.workers()).isEqualTo(4);
    assertThat(s.describe()).contains("managedTag=(off)");
  }

  @Test
  void malformedValuesAreRejectedByName() {
    assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_SAFETY_MARGIN", "soon")))
        .hasMessageContaining("WARMGATE_LAMBDA_SAFETY_MARGIN");
    assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_WORKERS", "many")))
        .hasMessageContaining("WARMGATE_LAMBDA_WORKERS");
    assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_WORKERS", "0")))
        .hasMessageContaining("WARMGATE_LAMBDA_WORKERS");
    assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_SAFETY_MARGIN", "-PT1S")))
        .hasMessageContaining("WARMGATE_LAMBDA_SAFETY_MARGIN");
  }

  /** Regression: the margin took ISO-8601 or bare seconds, and rejected 15s, which every other duration setting takes. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"15s", "PT15S", "15000ms"})
  void theMarginTakesTheSameDurationsAsEveryOtherSetting(String margin) {
    assertThat(LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_SAFETY_MARGIN", margin)).safetyMargin())
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void aBareNumberIsRejectedWithTheUnitToAdd() {
    assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_SAFETY_MARGIN", "10")))
        .hasMessageContaining("WARMGATE_LAMBDA_SAFETY_MARGIN").hasMessageContaining("like 10s");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0s", "PT0S", "NaN", "Infinity", "900s", "PT20M"})
  void aSafetyMarginThatIsZeroNotFiniteOrLongerThanALambdaRunIsRejected(String margin) {
    // Regression: NaN read as a zero margin (the handler then waited up to Lambda's own deadline), and
    // a margin of 15 min or more handed every action over without a probe; both passed silently.
    assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("WARMGATE_LAMBDA_SAFETY_MARGIN", margin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WARMGATE_LAMBDA_SAFETY_MARGIN");
  }
}
