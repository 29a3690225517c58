package io.warmgate.emulator;

import java.time.Duration;

/**
 * The short Windows-like boot profile the first-boot tests use: booted in 2 s, 60 s of first-boot setup, healthy
 * 5 s after it; only the time it takes to save its state differs between them.
 */
final class ShortWindows {
  private ShortWindows() {
  }

  /** The {@code short-windows} profile, saving its state in {@code save}. */
  static BootProfile profile(Duration save) {
    return new BootProfile("short-windows", true,
        Distribution.fixed(Duration.ofSeconds(2)), Distribution.fixed(Duration.ofSeconds(5)),
        Distribution.fixed(Duration.ofSeconds(60)), save, Distribution.fixed(Duration.ofSeconds(5)),
        Duration.ofSeconds(5), Duration.ofSeconds(5));
  }
}
