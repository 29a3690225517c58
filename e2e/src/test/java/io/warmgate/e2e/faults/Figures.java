package io.warmgate.e2e.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one row measured, in the order it was recorded, for the reliability table. Thread-safe. */
final class Figures {

  private final Map<String, String> values = new LinkedHashMap<>();

  synchronized Figures put(String name, Object value) {
    values.put(name, value instanceof Duration d ? seconds(d) : String.valueOf(value));
    return this;
  }

  synchronized Map<String, String> values() {
    return Map.copyOf(values);
  }

  /** The figures as {@code name value} pairs, in recording order. */
  synchronized String summary() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  synchronized Map<String, String> ordered() {
    return new LinkedHashMap<>(values);
  }

  /** Simulated or real seconds with one decimal, e.g. {@code 74.0s}. */
  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
