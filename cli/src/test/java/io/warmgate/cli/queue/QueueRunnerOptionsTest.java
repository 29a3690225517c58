package io.warmgate.cli.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The queue reader's options hold SQS's limits and the runner's own bounds, failing fast with the value named. */
class QueueRunnerOptionsTest {

  @Test
  void theDefaultsAreSixtySecondsOfVisibilityTwentySecondLongPollsAHundredHeldAndFiveReceives() {
    QueueRunner.Options d = QueueRunner.Options.defaults();

    assertThat(d.visibilityTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.waitTime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.maxInFlight()).isEqualTo(100);
    assertThat(d.maxReceives()).isEqualTo(5);
  }

  @Test
  void aVisibilityTimeoutBeyondTwelveHoursOrUnderTenSecondsIsRefused() {
    assertThatThrownBy(() -> new QueueRunner.Options(Duration.ofSeconds(43_201), Duration.ofSeconds(20), 100, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43201s");
    assertThatThrownBy(() -> new QueueRunner.Options(Duration.ofSeconds(9), Duration.ofSeconds(20), 100, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9s");
  }

  @Test
  void aLongPollBeyondTwentySecondsIsRefused() {
    assertThatThrownBy(() -> new QueueRunner.Options(Duration.ofSeconds(60), Duration.ofSeconds(21), 100, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..20s");
  }

  @Test
  void boundsOnHeldMessagesAndReceivesAreChecked() {
    assertThatThrownBy(() -> new QueueRunner.Options(Duration.ofSeconds(60), Duration.ofSeconds(20), 0, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max in flight");
    assertThatThrownBy(() -> new QueueRunner.Options(Duration.ofSeconds(60), Duration.ofSeconds(20), 100, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max receives");
    assertThatThrownBy(() -> new QueueRunner.Options(null, Duration.ofSeconds(20), 100, 5))
        .isInstanceOf(NullPointerException.class).hasMessage("visibilityTimeout");
  }
}
