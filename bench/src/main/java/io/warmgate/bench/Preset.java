package io.warmgate.bench;

import io.warmgate.core.policy.PolicyPresets;
import java.util.Locale;

/**
 * How the benchmark's gate is set up: warmgate's defaults, or the common naive fix it is compared with.
 */
public enum Preset {
  /** warmgate's default policies, batched lookups. */
  WARMGATE(PolicyPresets.DEFAULTS),
  /**
   * The usual fix, as the seed's function behaves: a probe every 10 s, CONTINUE on the first 200, no
   * deadline or heartbeats, and DescribeInstances on every loop.
   */
  USUAL_FIX(PolicyPresets.USUAL_FIX);

  private final String wireName;

  Preset(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the command line, in the JSON and in the {@code preset} setting. */
  public String wireName() {
    return wireName;
  }

  /**
   * The preset named {@code name} ({@code warmgate} or {@code usual-fix}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Preset named(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Preset p : values()) {
      if (p.wireName.equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected warmgate or usual-fix, got '" + name + "'");
  }
}
