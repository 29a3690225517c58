package io.warmgate.core.policy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One layer of configuration: flat settings ({@code http.port -> 80}) from one source.
 *
 * <p>Layers apply in order, later ones winning: built-in defaults, then environment variables, then the
 * hook's NotificationMetadata. The keys are listed in {@link ConfigKeys}; {@link PolicyResolver} checks
 * them.
 *
 * @param source where the settings came from, for error messages (e.g. {@code environment})
 * @param settings the settings by key; copied, sorted by key
 * @param naming how the source spells keys, so that errors name the field as the user wrote it
 */
public record ConfigLayer(String source, Map<String, String> settings, KeyNaming naming) {

  /** The source name of {@link #fromEnvironment(Map)} layers. */
  public static final String ENVIRONMENT = "environment";

  /** How a source spells setting keys. */
  public enum KeyNaming {
    /** As the key itself: {@code http.port}. */
    PLAIN,
    /** As an environment variable: {@code WARMGATE_HTTP_PORT}. */
    ENVIRONMENT,
    /** As a path in the NotificationMetadata JSON: {@code warmgate.http.port}. */
    METADATA;

    /** The field name the user wrote for {@code key}. */
    public String label(String key) {
      return switch (this) {
        case PLAIN -> key;
        // Unknown variables are kept under their own name; known keys map to theirs.
        case ENVIRONMENT -> key.startsWith(ConfigKeys.ENV_PREFIX) ? key : ConfigKeys.envName(key);
        case METADATA -> "warmgate." + key;
      };
    }
  }

  public ConfigLayer {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(naming, "naming");
    TreeMap<String, String> copy = new TreeMap<>();
    settings.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "settings key"), Objects.requireNonNull(v, "settings value of " + k)));
    settings = java.util.Collections.unmodifiableMap(copy);
  }

  /** A layer whose keys are written as plain setting keys. */
  public ConfigLayer(String source, Map<String, String> settings) {
    this(source, settings, KeyNaming.PLAIN);
  }

  /** A layer with no settings. */
  public static ConfigLayer empty(String source) {
    return new ConfigLayer(source, Map.of(), KeyNaming.PLAIN);
  }

  /**
   * Reads settings from environment variables ({@code WARMGATE_HTTP_PORT} and so on, see {@link
   * ConfigKeys#envName}). Empty values count as unset. Unknown variables under a reserved prefix ({@link
   * ConfigKeys#RESERVED_ENV_PREFIXES}) are kept so that {@link PolicyResolver} reports them; other
   * {@code WARMGATE_*} variables belong to the runners and are ignored.
   */
  public static ConfigLayer fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    Map<String, String> byEnvName = new TreeMap<>();
    for (String key : ConfigKeys.allKeys()) {
      byEnvName.put(ConfigKeys.envName(key), key);
    }
    Map<String, String> settings = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name == null || value == null || value.isEmpty() || !name.startsWith(ConfigKeys.ENV_PREFIX)) {
            return;
          }
          String key = byEnvName.get(name);
          if (key != null) {
            settings.put(key, value);
          } else if (ConfigKeys.RESERVED_ENV_PREFIXES.stream().anyMatch(name::startsWith)) {
            settings.put(name, value);
          }
        });
    return new ConfigLayer(ENVIRONMENT, settings, KeyNaming.ENVIRONMENT);
  }

  /**
   * A layer flattened from the {@code "warmgate"} object of a hook's NotificationMetadata, for {@link
   * MetadataParser} implementations: {@code {"warmgate":{"http":{"port":80}}}} becomes {@code http.port
   * -> 80}.
   */
  public static ConfigLayer fromMetadata(String source, Map<String, String> flattened) {
    return new ConfigLayer(source, flattened, KeyNaming.METADATA);
  }

  /** True if the layer holds no settings. */
  public boolean isEmpty() {
    return settings.isEmpty();
  }

  /** The field name the user wrote for {@code key} in this layer. */
  public String label(String key) {
    return naming.label(key);
  }
}
