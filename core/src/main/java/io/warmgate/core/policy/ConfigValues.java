package io.warmgate.core.policy;

import static io.warmgate.core.model.Durations.human;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses setting values; every failure is an IllegalArgumentException whose message says what was
 * expected. Probe kinds parse their own keys with it.
 */
public final class ConfigValues {

  /** The longest timeout a setting may ask for: 5 min. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private ConfigValues() {}

  /** Parses a duration in the one grammar of {@link io.warmgate.core.model.Durations}. */
  public static Duration duration(String text) {
    return io.warmgate.core.model.Durations.parse(text);
  }

  /** A duration within [min, max]. */
  public static Duration duration(String text, Duration min, Duration max) {
    Duration d = duration(text);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException("expected a duration within " + human(min) + ".." + human(max) + ", got '" + text + "'");
    }
    return d;
  }

  /** A timeout: a duration within 1ms..{@link #MAX_TIMEOUT}. */
  public static Duration timeout(String text) {
    return duration(text, Duration.ofMillis(1), MAX_TIMEOUT);
  }

  /** An integer within [min, max]. */
  public static int integer(String text, int min, int max) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below, with the expected range
    }
    throw new IllegalArgumentException("expected " + min + ".." + max + ", got '" + text + "'");
  }

  /** {@code true} or {@code false}, in any case. */
  public static boolean bool(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false, got '" + text + "'");
  }

}
