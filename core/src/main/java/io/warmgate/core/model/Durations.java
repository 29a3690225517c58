package io.warmgate.core.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way warmgate reads and writes durations, in settings, flags, environment variables, logs and
 * reports alike.
 *
 * <p>Grammar: either a short form, one or more {@code <digits><unit>} parts with units {@code h},
 * {@code m}, {@code s}, {@code ms} in that order, each at most once ({@code 15s}, {@code 500ms},
 * {@code 1h30m}, {@code 2m30s}); or ISO-8601 ({@code PT15S}). Units and the ISO form are read in any
 * case; surrounding spaces are ignored. Negative durations and bare numbers (no unit) are rejected.
 * {@link #human} writes the short form, which {@link #parse} reads back exactly.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|h|m|s)");
  private static final String[] ORDER = {"h", "m", "s", "ms"};

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException saying what was expected and what was given
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p") || t.startsWith("-p")) {
      Duration d;
      try {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(expected(text), e);
      }
      if (d.isNegative()) {
        throw new IllegalArgumentException("expected a duration that is not negative, got '" + text + "'");
      }
      return d;
    }
    if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      throw new IllegalArgumentException("expected a duration with a unit, like " + t + "s, got '" + text + "'");
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    int lastUnit = -1;
    while (m.find() && m.start() == end) {
      int unit = java.util.Arrays.asList(ORDER).indexOf(m.group(2));
      if (unit <= lastUnit) {
        throw new IllegalArgumentException(expected(text));
      }
      lastUnit = unit;
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMillis(n);
      });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException(expected(text));
    }
    return total;
  }

  /**
   * Writes a duration in the short form, largest unit first, zero parts left out: {@code 0s}, {@code 500ms},
   * {@code 1700ms} (under a minute with a fraction of a second, in milliseconds), {@code 15s}, {@code 3m16s},
   * {@code 1h30m}. Below a millisecond is dropped; a negative duration gets a
   * leading {@code -} (it is not parsed back).
   */
  public static String human(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      return "-" + human(d.negated());
    }
    if (d.toMillisPart() != 0 && d.toMinutes() == 0) {
      return d.toMillis() + "ms"; // 1700ms reads better than 1s700ms
    }
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    StringBuilder out = new StringBuilder();
    if (hours != 0) {
      out.append(hours).append('h');
    }
    if (minutes != 0) {
      out.append(minutes).append('m');
    }
    if (seconds != 0) {
      out.append(seconds).append('s');
    }
    if (millis != 0) {
      out.append(millis).append("ms");
    }
    return out.length() == 0 ? (d.isZero() ? "0s" : "0ms") : out.toString();
  }

  /**
   * Writes a measured duration for people: rounded to the nearest second from one second up
   * ({@code 2m49s}, not {@code 2m48s628ms}), as {@link #human} below that.
   */
  public static String humanRounded(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.abs().compareTo(Duration.ofSeconds(1)) < 0) {
      return human(d);
    }
    long millis = d.toMillis();
    return human(Duration.ofSeconds(Math.round(millis / 1000.0)));
  }

  private static String expected(String text) {
    return "expected a duration like 15s, 500ms, 25m, 1h30m or PT15S, got '" + text + "'";
  }
}
