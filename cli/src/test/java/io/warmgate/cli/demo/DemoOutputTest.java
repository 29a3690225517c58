package io.warmgate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoOutputTest {

  private static DemoResult result() {
    DemoSettings settings = DemoSettings.defaults();
    return new DemoResult(settings, List.of(
        new StoryResult(StoryKind.NO_HOOK, 6, 2, Optional.empty(), 4, 8, 0, 6, 0, 0, 10, Optional.of(Duration.ofMinutes(2))),
        new StoryResult(StoryKind.USUAL_FIX, 6, 5, Optional.empty(), 4, 2, 0, 1, 4, 10, 10, Optional.empty()),
        new StoryResult(StoryKind.WARMGATE, 6, 6, Optional.of(Duration.ofSeconds(197)), 4, 0, 0, 0, 0, 25, 10,
            Optional.of(Duration.ofMinutes(25)))),
        Duration.ofMinutes(45), Duration.ofSeconds(45), Optional.empty(), Duration.ofMillis(200));
  }

  @Test
  void theTableHasOneAlignedRowPerStory() {
    List<String> lines = DemoOutput.table(result()).lines().toList();

    assertThat(lines.get(0)).startsWith("story").contains("scale-out +4", "corrupted", "unhealthy", "API calls");
    assertThat(lines.get(2)).startsWith("1. no hook").contains("NOT served");
    assertThat(lines.get(4)).startsWith("3. warmgate").contains("3m17s", "6/6");
    assertThat(lines.get(2).length()).isEqualTo(lines.get(4).length());
  }

  @Test
  void theJsonCarriesEveryNumber() {
    var json = DemoOutput.json(result());

    assertThat(json.get("asExpected").asBoolean()).isTrue();
    assertThat(json.get("stories").get(0).get("scaleOutSeconds").isNull()).isTrue();
    assertThat(json.get("stories").get(2).get("scaleOutSeconds").asLong()).isEqualTo(197);
    assertThat(json.get("stories").get(1).get("hookTimeouts").asInt()).isEqualTo(4);
  }

  @Test
  void settingsThatCannotHoldTheScaleOutAreRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DemoSettings(9, 60, 1, 2, 10, Duration.ofMinutes(12),
            0.3, Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(20), 18080, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max size 10");
  }

  /** Regression: at --speed 600 the demo reported warmgate abandoning every instance and exited 0. */
  @Test
  void aRunWhoseTimersFellBehindIsInvalidAndSaysWhy() {
    DemoResult r = result();
    DemoResult late = new DemoResult(r.settings(), r.stories(), r.simulated(), r.real(), r.report(), Duration.ofSeconds(40));

    assertThat(r.valid()).isTrue();
    assertThat(late.valid()).isFalse();
    assertThat(DemoOutput.invalid(late)).contains("could not keep up", "40s", "15s bound", "no results");
    assertThat(DemoOutput.json(late).get("valid").asBoolean()).isFalse();
  }
}
