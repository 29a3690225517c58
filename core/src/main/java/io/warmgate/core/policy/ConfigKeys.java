package io.warmgate.core.policy;

import io.warmgate.core.model.Phase;
import io.warmgate.core.probe.ProbeKinds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names of every configuration setting, and how they are spelled as environment variables.
 *
 * <p>A setting key is dotted camel case ({@code http.bodyContains}); per-phase overrides prefix it with
 * {@code phases.enteringWarmPool.}, {@code phases.leavingWarmPool.} or {@code phases.coldStart.}. The
 * environment variable is {@code WARMGATE_} plus the key in upper snake case ({@code
 * WARMGATE_HTTP_BODY_CONTAINS}, {@code WARMGATE_PHASES_ENTERING_WARM_POOL_SETTLE}).
 */
public final class ConfigKeys {

  /** Chooses the preset the other settings refine: {@code warmgate} (default) or {@code usual-fix}. */
  public static final String PRESET = "preset";

  /** The settings of every phase that are not a probe kind's own, in documentation order. */
  static final List<String> GENERAL_KEYS = List.of(
      "interval",
      "confirmInterval",
      "probeTimeout",
      "consecutive",
      "deadline",
      "atDeadline",
      "settle",
      "shadow",
      "heartbeats",
      "heartbeatMargin");

  /** The per-phase settings, in documentation order: {@code probes}, each probe kind's keys, then the rest. */
  public static final List<String> POLICY_KEYS;

  static {
    List<String> keys = new ArrayList<>();
    keys.add("probes");
    keys.addAll(ProbeKinds.keys());
    keys.addAll(GENERAL_KEYS);
    POLICY_KEYS = List.copyOf(keys);
  }

  /** The prefix of environment variables that carry settings. */
  public static final String ENV_PREFIX = "WARMGATE_";

  /**
   * Environment variable prefixes reserved for settings: an unknown variable under one of these is a
   * typo and an error. Other {@code WARMGATE_*} variables belong to the runners and are left alone.
   */
  public static final List<String> RESERVED_ENV_PREFIXES;

  static {
    List<String> prefixes = new ArrayList<>();
    ProbeKinds.ALL.forEach(k -> prefixes.add(ENV_PREFIX + k.name().toUpperCase(Locale.ROOT) + "_"));
    prefixes.add("WARMGATE_PHASES_");
    RESERVED_ENV_PREFIXES = List.copyOf(prefixes);
  }

  private static final Map<Phase, String> PHASE_PREFIXES;

  static {
    Map<Phase, String> m = new LinkedHashMap<>();
    m.put(Phase.ENTERING_WARM_POOL, "phases.enteringWarmPool.");
    m.put(Phase.LEAVING_WARM_POOL, "phases.leavingWarmPool.");
    m.put(Phase.COLD_START, "phases.coldStart.");
    PHASE_PREFIXES = Collections.unmodifiableMap(m);
  }

  private ConfigKeys() {}

  /** The key prefix of per-phase overrides for a gated phase, e.g. {@code phases.coldStart.}. */
  public static String phasePrefix(Phase phase) {
    String prefix = PHASE_PREFIXES.get(phase);
    if (prefix == null) {
      throw new IllegalArgumentException("no settings for phase " + phase);
    }
    return prefix;
  }

  /** The gated phase whose prefix starts {@code key}, if any. */
  public static Optional<Phase> phaseOf(String key) {
    for (Map.Entry<Phase, String> e : PHASE_PREFIXES.entrySet()) {
      if (key.startsWith(e.getValue())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** Every valid key: {@value #PRESET}, the policy keys, and each policy key under each phase prefix. */
  public static List<String> allKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(PRESET);
    keys.addAll(POLICY_KEYS);
    for (String prefix : PHASE_PREFIXES.values()) {
      for (String k : POLICY_KEYS) {
        keys.add(prefix + k);
      }
    }
    return keys;
  }

  /** True if {@code key} names a setting. */
  public static boolean isKnown(String key) {
    if (PRESET.equals(key) || POLICY_KEYS.contains(key)) {
      return true;
    }
    return phaseOf(key).map(p -> POLICY_KEYS.contains(key.substring(phasePrefix(p).length()))).orElse(false);
  }

  /** The environment variable for a key: {@code http.bodyContains} becomes {@code WARMGATE_HTTP_BODY_CONTAINS}. */
  public static String envName(String key) {
    StringBuilder sb = new StringBuilder(ENV_PREFIX);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.') {
        sb.append('_');
      } else if (Character.isUpperCase(c)) {
        sb.append('_').append(c);
      } else {
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }
}
