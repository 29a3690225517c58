package io.warmgate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GateOptionsTest {

  private final GateOptions options = GateOptions.DEFAULTS;

  @Test
  void backoffDoublesFromTheMinimumToTheMaximum() {
    assertThat(options.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(options.backoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void backoffWithACeilingGrowsToThatCeilingInstead() {
    Duration ceiling = options.factsRefreshOnFailure();

    assertThat(options.backoff(1, ceiling)).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.backoff(7, ceiling)).isEqualTo(Duration.ofSeconds(64));
    assertThat(options.backoff(8, ceiling)).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.backoff(Integer.MAX_VALUE, ceiling)).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.backoff(3, Duration.ofMillis(1500))).as("a ceiling below the minimum wins").isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void backoffNeedsACeiling() {
    assertThatThrownBy(() -> options.backoff(1, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("ceiling");
  }
}
