package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BootProfileTest {
  @Test
  void theWindowsSetupHasALongTailAboveSixteenMinutes() {
    Distribution setup = BootProfile.windows().firstBootSetup();
    Random random = new Random(42);
    int n = 10_000;
    int above16 = 0;
    for (int k = 0; k < n; k++) {
      Duration d = setup.sample(random);
      assertThat(d).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(40));
      if (d.compareTo(Duration.ofMinutes(16)) > 0) {
        above16++;
      }
    }
    assertThat(above16).isBetween(n / 20, n / 5);
  }

  @Test
  void samplesAreDeterministicForASeed() {
    Distribution d = BootProfile.linux().osBoot();
    assertThat(d.sample(new Random(7))).isEqualTo(d.sample(new Random(7)));
  }

  @Test
  void windowsIsHealthyBeforeItsStateIsSaved() {
    BootProfile w = BootProfile.windows();
    assertThat(w.hasFirstBootSetup()).isTrue();
    assertThat(w.windowsPlatform()).isTrue();
    assertThat(w.appStart().median()).isLessThan(w.saveState());
    assertThat(BootProfile.linux().hasFirstBootSetup()).isFalse();
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> Distribution.uniform(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Distribution.fixed(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BootProfile.instant().withName(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BootProfile.instant().withName(null)).isInstanceOf(NullPointerException.class);
  }
}
