package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WarmPoolEmulatorBuilderTest {
  @Test
  void badSettingsFailFast() {
    assertThatThrownBy(() -> WarmPoolEmulator.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmPoolEmulator.builder().speed(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmPoolEmulator.builder().healthPort(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmPoolEmulator.builder().accountId("42")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmPoolEmulator.builder().ipBlock(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmPoolEmulator.builder().eventTarget(URI.create("ftp://x/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmPoolEmulator.builder().listener(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
  }

  @Test
  void anUnknownDefaultProfileClashesAtStart() {
    assertThatThrownBy(() -> WarmPoolEmulator.builder().defaultBootProfile("beos").start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("beos");
  }

  @Test
  void aTakenPortIsReportedAsAnIoError() {
    try (WarmPoolEmulator first = WarmPoolEmulator.builder().start()) {
      assertThatThrownBy(() -> WarmPoolEmulator.builder().port(first.port()).start())
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining(String.valueOf(first.port()));
    }
  }

  @Test
  void theClockStartsAtTheGivenInstantAndTheEndpointIsLoopback() {
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    try (WarmPoolEmulator e = WarmPoolEmulator.builder().startTime(start).speed(2).start()) {
      assertThat(e.clock().now()).isAfterOrEqualTo(start);
      assertThat(e.clock().speed()).isEqualTo(2.0);
      assertThat(e.endpoint().toString()).startsWith("http://127.0.0.1:");
      assertThat(e.cliHint()).contains("AWS_ENDPOINT_URL=" + e.endpoint())
          .as("the AWS CLI v1 reads its region only from AWS_DEFAULT_REGION").contains("AWS_DEFAULT_REGION=");
    }
  }
}
