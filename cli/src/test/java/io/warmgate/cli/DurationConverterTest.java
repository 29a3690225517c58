package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsShortFormsAndIso() {
    assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("12m")).isEqualTo(Duration.ofMinutes(12));
    assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationConverter.parse("PT12M")).isEqualTo(Duration.ofMinutes(12));
    assertThat(DurationConverter.parse("pt5s")).isEqualTo(Duration.ofSeconds(5));
  }

  /** Regression: flags rejected 500ms, which the hook metadata and WARMGATE_* settings accept. */
  @Test
  void readsMillisecondsLikeEverySetting() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void rejectsSomethingThatIsNotADurationNamingIt() {
    assertThatThrownBy(() -> DurationConverter.parse("twelve")).isInstanceOf(TypeConversionException.class)
        .hasMessage("expected a duration like 15s, 500ms, 25m, 1h30m or PT15S, got 'twelve'");
    assertThatThrownBy(() -> DurationConverter.parse("")).isInstanceOf(TypeConversionException.class);
  }
}
