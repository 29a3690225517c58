package io.warmgate.core.doctor;

import java.time.Duration;

/** Formats durations for findings the way people read them: {@code 16m 0s}, {@code 1h 2m}, {@code 45s}. */
final class Durations {

  private Durations() {}

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }

  /** Seconds and the human form, e.g. {@code 960 s (16m 0s)}. */
  static String both(Duration d) {
    return d.toSeconds() + " s (" + human(d) + ")";
  }
}
