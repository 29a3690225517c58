package io.warmgate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The seeded trials: every try runs, a failure names a seed, and that seed draws the same inputs again. */
class TrialsTest {

  @Test
  void runsEveryTryWhenAllPass() {
    AtomicInteger runs = new AtomicInteger();

    Trials.run(250, in -> runs.incrementAndGet());

    assertThat(runs).hasValue(250);
  }

  @Test
  void aFailureNamesTheSeedThatDrawsTheSameInputsAgain() {
    List<List<Object>> seen = new ArrayList<>();
    Throwable failure = catchThrowable(() -> Trials.run(500, in -> {
      int n = in.intBetween(0, 1000);
      in.bool();
      seen.add(in.drawn());
      assertThat(n).isLessThan(900);
    }));

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("-Dwarmgate.seed=");
    Matcher m = Pattern.compile("seed (-?\\d+) ").matcher(failure.getMessage());
    assertThat(m.find()).isTrue();
    Inputs replay = new Inputs(Long.parseLong(m.group(1)));
    replay.intBetween(0, 1000);
    replay.bool();
    assertThat(replay.drawn()).isEqualTo(seen.get(seen.size() - 1));
  }

  @Test
  void rangesIncludeBothEnds() {
    Inputs in = new Inputs(42);
    boolean min = false;
    boolean max = false;
    for (int i = 0; i < 200; i++) {
      int v = in.intBetween(3, 9);
      assertThat(v).isBetween(3, 9);
      min |= v == 3;
      max |= v == 9;
    }
    assertThat(min && max).isTrue();
  }

  @Test
  void refusesNoTries() {
    assertThatThrownBy(() -> Trials.run(0, in -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tries");
  }
}
