package io.warmgate.core.doctor;

import java.util.Locale;

/** How much a finding matters, from most to least. */
public enum Severity {
  /** The configuration breaks instances now: the incident warmgate exists for. */
  ERROR,
  /** A gap that bites under some conditions (a long boot, a timeout, a scale-in). */
  WARNING,
  /** Worth knowing; nothing to fix. */
  INFO;

  /** The lowercase name used in JSON output: {@code error}, {@code warning}, {@code info}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if this is more severe than {@code other}. */
  public boolean isWorseThan(Severity other) {
    return ordinal() < other.ordinal();
  }
}
