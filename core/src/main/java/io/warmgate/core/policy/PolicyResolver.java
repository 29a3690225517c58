package io.warmgate.core.policy;

import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Phase;
import io.warmgate.core.probe.ProbeKind;
import io.warmgate.core.probe.ProbeKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the readiness policies of a hook from layered configuration: a preset, then the base layers
 * (environment), then the hook's NotificationMetadata.
 *
 * <p>Within a layer, plain keys apply to every phase and then {@code phases.<phase>.<key>} overrides
 * apply to that phase; a later layer overrides an earlier one key by key. Unknown keys and invalid
 * values throw {@link InvalidConfigurationException} naming the source and the field; nothing falls
 * back to a default silently. Results (and errors) are cached per hook and metadata text. Thread-safe.
 */
public final class PolicyResolver {

  private static final int CACHE_LIMIT = 1024;
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final Duration MAX_DEADLINE = LifecycleHook.MAX_GLOBAL_TIMEOUT;
  private static final Duration MAX_SETTLE = Duration.ofHours(1);
  private static final Duration MAX_MARGIN = Duration.ofHours(1);

  private final MetadataParser parser;
  private final List<ConfigLayer> baseLayers;
  private final PhasePolicies base;
  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  /**
   * Creates a resolver and resolves the base layers at once, so that bad environment settings fail at
   * startup.
   *
   * @param parser reads the {@code "warmgate"} object of a hook's NotificationMetadata
   * @param baseLayers the layers below the metadata, lowest first (usually just the environment's)
   * @throws InvalidConfigurationException if the base layers are invalid
   */
  public PolicyResolver(MetadataParser parser, List<ConfigLayer> baseLayers) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.baseLayers = List.copyOf(Objects.requireNonNull(baseLayers, "baseLayers"));
    this.base = resolve(this.baseLayers);
  }

  /** The policies from the base layers alone: what a hook without warmgate metadata gets. */
  public PhasePolicies base() {
    return base;
  }

  /** The base layers, lowest first. */
  public List<ConfigLayer> baseLayers() {
    return baseLayers;
  }

  /**
   * Resolves the policies of a hook from its NotificationMetadata.
   *
   * @throws InvalidConfigurationException if the metadata holds an unknown key or an invalid value
   */
  public PhasePolicies resolve(LifecycleHook hook) {
    Objects.requireNonNull(hook, "hook");
    return resolve(hook.hookName(), hook.notificationMetadata());
  }

  /**
   * Resolves the policies of a hook from the given NotificationMetadata.
   *
   * @throws InvalidConfigurationException if the metadata holds an unknown key or an invalid value
   */
  public PhasePolicies resolve(String hookName, Optional<String> notificationMetadata) {
    Objects.requireNonNull(hookName, "hookName");
    Objects.requireNonNull(notificationMetadata, "notificationMetadata");
    if (notificationMetadata.isEmpty() || notificationMetadata.get().isBlank()) {
      return base;
    }
    String key = hookName + '\n' + notificationMetadata.get();
    Object cached = cache.get(key);
    if (cached == null) {
      try {
        cached = resolveUncached(hookName, notificationMetadata.get());
      } catch (InvalidConfigurationException e) {
        cached = e;
      }
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear(); // metadata rarely changes; a crude bound is enough to stop unbounded growth
      }
      cache.put(key, cached);
    }
    if (cached instanceof InvalidConfigurationException e) {
      // A fresh exception per call, so stack traces point at the caller, with the same message.
      throw new InvalidConfigurationException(e.source(), e.field(), e.problem());
    }
    return (PhasePolicies) cached;
  }

  private PhasePolicies resolveUncached(String hookName, String metadata) {
    String source = metadataSource(hookName);
    ConfigLayer layer;
    try {
      layer = parser.parse(source, metadata);
    } catch (InvalidConfigurationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidConfigurationException(source, "warmgate", "cannot read: " + e.getMessage());
    }
    if (layer == null || layer.isEmpty()) {
      return base;
    }
    List<ConfigLayer> layers = new ArrayList<>(baseLayers);
    layers.add(layer);
    return resolve(layers);
  }

  /** The source name of a hook's metadata layer, as error messages show it. */
  public static String metadataSource(String hookName) {
    return "NotificationMetadata of hook " + hookName;
  }

  /**
   * Resolves policies from layers, lowest first, without caching.
   *
   * @throws InvalidConfigurationException if a layer holds an unknown key or an invalid value
   */
  public static PhasePolicies resolve(List<ConfigLayer> layers) {
    Objects.requireNonNull(layers, "layers");
    String presetName = PolicyPresets.DEFAULTS;
    for (ConfigLayer layer : layers) {
      String p = layer.settings().get(ConfigKeys.PRESET);
      if (p != null) {
        String v = p.trim();
        if (!v.equals(PolicyPresets.DEFAULTS) && !v.equals(PolicyPresets.USUAL_FIX)) {
          throw new InvalidConfigurationException(
              layer.source(),
              layer.label(ConfigKeys.PRESET),
              "expected " + PolicyPresets.DEFAULTS + " or " + PolicyPresets.USUAL_FIX + ", got '" + p + "'");
        }
        presetName = v;
      }
    }
    PhasePolicies preset = PolicyPresets.named(presetName);
    Map<Phase, Draft> drafts = new EnumMap<>(Phase.class);
    for (Phase phase : List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START)) {
      drafts.put(phase, new Draft(preset.forPhase(phase), "preset " + presetName));
    }
    for (ConfigLayer layer : layers) {
      // Plain keys first, then per-phase overrides, so that within one layer the more specific wins.
      for (Map.Entry<String, String> e : layer.settings().entrySet()) {
        String key = e.getKey();
        if (key.equals(ConfigKeys.PRESET) || ConfigKeys.phaseOf(key).isPresent()) {
          continue;
        }
        if (!ConfigKeys.POLICY_KEYS.contains(key)) {
          throw unknown(layer, key);
        }
        for (Draft d : drafts.values()) {
          d.apply(layer, key, e.getValue());
        }
      }
      for (Map.Entry<String, String> e : layer.settings().entrySet()) {
        String key = e.getKey();
        Optional<Phase> phase = ConfigKeys.phaseOf(key);
        if (phase.isEmpty()) {
          if (key.startsWith("phases.")) {
            throw new InvalidConfigurationException(
                layer.source(),
                layer.label(key),
                "unknown phase; expected phases.enteringWarmPool, phases.leavingWarmPool or phases.coldStart");
          }
          continue;
        }
        String sub = key.substring(ConfigKeys.phasePrefix(phase.get()).length());
        if (!ConfigKeys.POLICY_KEYS.contains(sub)) {
          throw unknown(layer, key);
        }
        drafts.get(phase.get()).apply(layer, sub, e.getValue(), key);
      }
    }
    return new PhasePolicies(
        drafts.get(Phase.ENTERING_WARM_POOL).build(Phase.ENTERING_WARM_POOL),
        drafts.get(Phase.LEAVING_WARM_POOL).build(Phase.LEAVING_WARM_POOL),
        drafts.get(Phase.COLD_START).build(Phase.COLD_START));
  }

  private static InvalidConfigurationException unknown(ConfigLayer layer, String key) {
    return new InvalidConfigurationException(layer.source(), layer.label(key), "unknown setting");
  }

  /** A policy under construction for one phase, with each probe kind's settings kept apart until the end. */
  private static final class Draft {
    private final ReadinessPolicyBuilder builder;
    private final Map<String, ProbeKind.ProbeDraft<?>> probeDrafts = new LinkedHashMap<>();
    private List<String> kinds = new ArrayList<>();
    private String probesSource;
    private String probesField = "probes";

    Draft(ReadinessPolicy p, String source) {
      builder = p.toBuilder();
      for (ProbeKind<?> kind : ProbeKinds.ALL) {
        probeDrafts.put(kind.name(), ProbeKinds.draft(kind, p.probes()));
      }
      for (ProbeSpec spec : p.probes()) {
        kinds.add(spec.kind());
      }
      probesSource = source;
    }

    void apply(ConfigLayer layer, String key, String value) {
      apply(layer, key, value, key);
    }

    void apply(ConfigLayer layer, String key, String value, String fullKey) {
      try {
        applyValue(key, value);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException(layer.source(), layer.label(fullKey), e.getMessage());
      }
      if (key.equals("probes")) {
        probesSource = layer.source();
        probesField = layer.label(fullKey);
      }
    }

    private void applyValue(String key, String value) {
      Optional<ProbeKind<?>> owner = ProbeKinds.owning(key);
      if (owner.isPresent()) {
        probeDrafts.get(owner.get().name()).set(key, value);
        return;
      }
      switch (key) {
        case "probes" -> kinds = probeKinds(value);
        case "interval" -> builder.interval(ConfigValues.duration(value, Duration.ofMillis(10), MAX_INTERVAL));
        case "confirmInterval" -> builder.confirmInterval(ConfigValues.duration(value, Duration.ofMillis(10), MAX_INTERVAL));
        case "probeTimeout" -> builder.probeTimeout(timeout(value));
        case "consecutive" -> builder.consecutiveSuccesses(
            ConfigValues.integer(value, 1, ReadinessPolicy.MAX_CONSECUTIVE_SUCCESSES));
        case "deadline" -> {
          if (value.trim().equalsIgnoreCase("none")) {
            builder.noDeadline();
          } else {
            builder.deadline(ConfigValues.duration(value, Duration.ofSeconds(1), MAX_DEADLINE));
          }
        }
        case "atDeadline" -> builder.resultAtDeadline(result(value));
        case "settle" -> builder.settleDelay(ConfigValues.duration(value, Duration.ZERO, MAX_SETTLE));
        case "shadow" -> builder.shadowMode(ConfigValues.bool(value));
        case "heartbeats" -> builder.heartbeats(ConfigValues.bool(value));
        case "heartbeatMargin" -> builder.heartbeatMargin(ConfigValues.duration(value, Duration.ZERO, MAX_MARGIN));
        default -> throw new IllegalStateException("setting without a handler: " + key);
      }
    }

    private static Duration timeout(String value) {
      return ConfigValues.timeout(value);
    }

    private static LifecycleResult result(String value) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      return switch (v) {
        case "ABANDON" -> LifecycleResult.ABANDON;
        case "CONTINUE" -> LifecycleResult.CONTINUE;
        default -> throw new IllegalArgumentException("expected ABANDON or CONTINUE, got '" + value + "'");
      };
    }

    private static List<String> probeKinds(String value) {
      Set<String> kinds = new LinkedHashSet<>();
      for (String part : value.split(",", -1)) {
        String k = part.trim().toLowerCase(Locale.ROOT);
        if (ProbeKinds.named(k).isEmpty()) {
          throw new IllegalArgumentException("expected a comma-separated list of " + ProbeKinds.names() + ", got '" + value + "'");
        }
        if (!kinds.add(k)) {
          throw new IllegalArgumentException("probe '" + k + "' is listed twice in '" + value + "'");
        }
      }
      return new ArrayList<>(kinds);
    }

    ReadinessPolicy build(Phase phase) {
      List<ProbeSpec> probes = new ArrayList<>();
      for (String kind : kinds) {
        try {
          probes.add(probeDrafts.get(kind).build());
        } catch (IllegalArgumentException e) {
          throw new InvalidConfigurationException(probesSource, probesField, e.getMessage());
        }
      }
      try {
        return builder.probes(probes).build();
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("configuration", ConfigKeys.phasePrefix(phase) + "*", e.getMessage());
      }
    }
  }
}
