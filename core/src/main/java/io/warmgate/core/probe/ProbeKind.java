package io.warmgate.core.probe;

import io.warmgate.core.policy.ProbeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of readiness probe as a unit: its name, its setting keys, how they parse into a spec, how a
 * spec is written back as settings, and how a probe is made from a spec and the ports.
 *
 * <p>{@link ProbeKinds} lists every kind once; nothing else names a kind. Implementations are stateless
 * singletons and thread-safe.
 *
 * @param <S> the kind's spec
 */
public interface ProbeKind<S extends ProbeSpec> {

  /** The name in the {@code probes} setting, e.g. {@code http}; every key of the kind starts with it and a dot. */
  String name();

  /** The spec class of this kind. */
  Class<S> specType();

  /** The kind's setting keys, in documentation order, e.g. {@code http.port}. */
  List<String> keys();

  /**
   * True if the kind's probes connect to the instance's private IP: such a probe cannot run before the
   * instance has one, and a function using it needs a network path (a VPC).
   */
  boolean needsNetwork();

  /**
   * A draft of a spec, starting from {@code from} (a preset's spec of this kind) or else the kind's defaults.
   */
  ProbeDraft<S> draft(Optional<S> from);

  /** The spec written back as settings, key by key, for printing the effective configuration. */
  Map<String, String> settings(S spec);

  /** Makes a probe for {@code spec} from the ports. */
  Probe create(S spec, ProbePorts ports);

  /**
   * A spec under construction from settings. Not thread-safe.
   *
   * @param <S> the spec it builds
   */
  interface ProbeDraft<S extends ProbeSpec> {

    /**
     * Applies one setting of the kind.
     *
     * @param key one of the kind's {@link ProbeKind#keys()}
     * @throws IllegalArgumentException saying what was expected, if the value is invalid
     */
    void set(String key, String value);

    /**
     * The spec the settings describe.
     *
     * @throws IllegalArgumentException saying which setting is missing or clashes
     */
    S build();
  }
}
