package io.warmgate.core.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses setting values; every failure is an IllegalArgumentException whose message says what was expected. */
final class ConfigValues {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private ConfigValues() {}

  /**
   * Parses an ISO-8601 duration ({@code PT25M}) or a short one ({@code 25m}, {@code 900s}, {@code 500ms},
   * {@code 1h30m}).
   */
  static Duration duration(String text) {
    String t = text.trim();
    if (t.regionMatches(true, 0, "PT", 0, 2) || t.regionMatches(true, 0, "P", 0, 1) && t.length() > 1 && Character.isDigit(t.charAt(1))) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(expectedDuration(text), e);
      }
    }
    Matcher m = SHORT_DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException(expectedDuration(text));
    }
    return total;
  }

  private static String expectedDuration(String text) {
    return "expected a duration like PT15S, 15s, 25m or 1h, got '" + text + "'";
  }

  /** A duration within [min, max]. */
  static Duration duration(String text, Duration min, Duration max) {
    Duration d = duration(text);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException("expected a duration within " + human(min) + ".." + human(max) + ", got '" + text + "'");
    }
    return d;
  }

  /** An integer within [min, max]. */
  static int integer(String text, int min, int max) {
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
  static boolean bool(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false, got '" + text + "'");
  }

  /** A duration as the short form reads it back, e.g. {@code 15s}, {@code 30m}, {@code 500ms}. */
  static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillisPart() != 0 || d.toNanosPart() % 1_000_000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
