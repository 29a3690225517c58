package io.warmgate.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.iam.Wildcards;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ec2FiltersTest {

  @Test
  void aHostileWildcardPatternNoLongerBacktracksExponentiallyUnderTheEngineLock() {
    // As a regular expression (.*a.*a...b) this takes longer than anyone waits; here it is immediate.
    String pattern = "*a".repeat(30) + "*b";
    String text = "a".repeat(5000);
    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Wildcards.matches(pattern, text));
    assertThat(matched).isFalse();
  }

  @Test
  void moreThan200FilterValuesInOneCallAreRefused() {
    Map<String, String> values = new LinkedHashMap<>();
    for (int f = 1; f <= 4; f++) {
      values.put("Filter." + f + ".Name", "instance-id");
      for (int v = 1; v <= 50; v++) {
        values.put("Filter." + f + ".Value." + v, "i-" + v);
      }
    }
    assertThat(Ec2Filters.of(new Params(values, true))).hasSize(4);
    values.put("Filter.4.Value.51", "one too many");
    assertThatThrownBy(() -> Ec2Filters.of(new Params(values, true))).isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code()).isEqualTo("FilterLimitExceeded");
  }
}
