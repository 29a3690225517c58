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

  @Test
  void rejectsSomethingThatIsNotADurationNamingIt() {
    assertThatThrownBy(() -> DurationConverter.parse("twelve")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'twelve' is not a duration");
    assertThatThrownBy(() -> DurationConverter.parse("")).isInstanceOf(TypeConversionException.class);
  }
}
