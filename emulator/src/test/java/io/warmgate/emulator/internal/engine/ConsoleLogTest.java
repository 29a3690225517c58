package io.warmgate.emulator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void keepsOnlyTheMostRecent64Kilobytes() {
    ConsoleLog log = new ConsoleLog();
    for (int n = 0; n < 2_000; n++) {
      log.write(T0.plusSeconds(n), Duration.ZERO, "line " + n + " " + "x".repeat(60));
    }
    byte[] text = log.view(T0.plusSeconds(5_000), true).orElseThrow().text();

    assertThat(text.length).isLessThanOrEqualTo(ConsoleLog.MAX_BYTES);
    assertThat(new String(text, StandardCharsets.UTF_8)).endsWith("line 1999 " + "x".repeat(60) + "\r\n").doesNotContain("line 0 ");
  }

  @Test
  void postsALineAfterItsDelayOrAtTheNextTransition() {
    ConsoleLog log = new ConsoleLog();
    log.write(T0, Duration.ofMinutes(5), "a");

    assertThat(log.view(T0.plusSeconds(60), false)).isEmpty();
    assertThat(log.view(T0.plusSeconds(60), true)).isPresent();
    log.transition(T0.plusSeconds(90));
    assertThat(log.view(T0.plusSeconds(90), false).orElseThrow().timestamp()).isEqualTo(T0.plusSeconds(90));
  }
}
