package io.warmgate.emulator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.EmulatorFaults;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ec2Test {
  private final EmulatorClock clock = EmulatorClock.virtual(Instant.parse("2026-01-01T00:00:00Z"));
  private final EventBus events = new EventBus(() -> EmulatorFaults.NONE, 1L);
  private final Engine engine = new Engine(clock, 1L, "us-east-1", "123456789012",
      Map.of("instant", BootProfile.instant()), "instant", 18099, 202, events, new HealthEndpoints() {
        @Override
        public void open(SimInstance instance) { }

        @Override
        public void close(SimInstance instance) { }
      });

  @AfterEach
  void stop() {
    clock.close();
    events.close();
  }

  @Test
  void launchTemplatesStopAtTheRegionQuota() {
    synchronized (engine) {
      for (int k = 0; k < Ec2.MAX_TEMPLATES; k++) {
        engine.ec2().createLaunchTemplate("lt-" + k, null, null, Map.of(), Map.of());
      }
      assertThatThrownBy(() -> engine.ec2().createLaunchTemplate("one-more", null, null, Map.of(), Map.of()))
          .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).code())
          .isEqualTo("LaunchTemplateLimitExceeded");
      assertThat(engine.templates()).hasSize(Ec2.MAX_TEMPLATES);
    }
  }

  @Test
  void aTemplateNameOutsideEc2sPatternIsMalformed() {
    synchronized (engine) {
      assertThatThrownBy(() -> engine.ec2().createLaunchTemplate("a\u0001b", null, null, Map.of(), Map.of()))
          .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).code())
          .isEqualTo("InvalidLaunchTemplateName.MalformedException");
    }
  }
}
