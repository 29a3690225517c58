package io.warmgate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.testing.Trials;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar: what it reads, what it rejects, and that it reads back what it writes. */
class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "15s, PT15S", "500ms, PT0.5S", "25m, PT25M", "1h, PT1H", "1h30m, PT1H30M", "2m30s, PT2M30S",
    "1s500ms, PT1.5S", "PT15S, PT15S", "pt2m, PT2M", "' 90S ', PT1M30S", "0s, PT0S"
  })
  void readsTheShortFormAndIso(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "15", "1.5", "s", "15 s", "30s1m", "1m1m", "-5s", "-PT5S", "PT", "5d", "1h-30m"})
  void rejectsAnythingElseSayingWhatWasExpected(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a duration")
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT1.7S, 1700ms", "PT15S, 15s", "PT3M16S, 3m16s", "PT1H30M, 1h30m", "PT2H, 2h",
      "PT1M0.5S, 1m500ms", "PT-5S, -5s"})
  void writesTheShortForm(String iso, String human) {
    assertThat(Durations.human(Duration.parse(iso))).isEqualTo(human);
  }

  @Test
  void whatItWritesItReadsBack() {
    Trials.run(300, in -> {
      Duration d = Duration.ofMillis(in.longBetween(0, 48L * 3600 * 1000));
      assertThat(Durations.parse(Durations.human(d))).isEqualTo(d);
    });
  }

  @ParameterizedTest
  @CsvSource({"PT2M48.628S, 2m49s", "PT47.859S, 48s", "PT0.5S, 500ms", "PT15S, 15s", "PT1.4S, 1s"})
  void writesMeasuredDurationsRoundedToTheSecond(String iso, String human) {
    assertThat(Durations.humanRounded(Duration.parse(iso))).isEqualTo(human);
  }
}
