package io.warmgate.core.probe;

import io.warmgate.core.policy.ProbeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of probe kinds: the one place that lists them. Adding a kind adds its unit here and
 * nowhere else in the code.
 */
public final class ProbeKinds {

  /** Every kind, in documentation order. */
  public static final List<ProbeKind<?>> ALL = List.of(
      HttpProbeKind.INSTANCE,
      TcpProbeKind.INSTANCE,
      Ec2StatusProbeKind.INSTANCE,
      Ec2ConsoleProbeKind.INSTANCE);

  private ProbeKinds() {}

  /** The kind named {@code name} (as in the {@code probes} setting), if there is one. */
  public static Optional<ProbeKind<?>> named(String name) {
    Objects.requireNonNull(name, "name");
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /**
   * The kind of a spec.
   *
   * @throws IllegalArgumentException if no registered kind makes this spec (a spec class outside the registry)
   */
  public static ProbeKind<?> of(ProbeSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return ALL.stream().filter(k -> k.specType().isInstance(spec)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no probe kind registered for " + spec.getClass().getName()));
  }

  /** The kind whose setting {@code key} is, if any. */
  public static Optional<ProbeKind<?>> owning(String key) {
    Objects.requireNonNull(key, "key");
    return ALL.stream().filter(k -> k.keys().contains(key)).findFirst();
  }

  /** Every kind's setting keys, kind by kind. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    ALL.forEach(k -> keys.addAll(k.keys()));
    return keys;
  }

  /** The kinds' names joined for messages, e.g. {@code http, tcp, ec2status}. */
  public static String names() {
    return ALL.stream().map(ProbeKind::name).collect(Collectors.joining(", "));
  }

  /** True if any of the specs' kinds needs a network path to the instance. */
  public static boolean needNetwork(List<? extends ProbeSpec> specs) {
    return specs.stream().anyMatch(s -> of(s).needsNetwork());
  }

  /** Makes the probe of {@code spec} through its kind. */
  static Probe create(ProbeSpec spec, ProbePorts ports) {
    return create(of(spec), spec, ports);
  }

  private static <S extends ProbeSpec> Probe create(ProbeKind<S> kind, ProbeSpec spec, ProbePorts ports) {
    return kind.create(kind.specType().cast(spec), ports);
  }

  /** The spec written back as settings through its kind. */
  public static java.util.Map<String, String> settings(ProbeSpec spec) {
    return settings(of(spec), spec);
  }

  private static <S extends ProbeSpec> java.util.Map<String, String> settings(ProbeKind<S> kind, ProbeSpec spec) {
    return kind.settings(kind.specType().cast(spec));
  }

  /**
   * The spec's settings that differ from its kind's defaults (every setting, for a kind without a
   * complete default, such as {@code tcp} without a port): what a deployment must write for the gate to
   * rebuild the same spec.
   */
  public static java.util.Map<String, String> changedSettings(ProbeSpec spec) {
    return changedSettings(of(spec), spec);
  }

  private static <S extends ProbeSpec> java.util.Map<String, String> changedSettings(ProbeKind<S> kind, ProbeSpec spec) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(kind.settings(kind.specType().cast(spec)));
    java.util.Map<String, String> defaults;
    try {
      defaults = kind.settings(kind.draft(Optional.empty()).build());
    } catch (IllegalArgumentException e) {
      return all;
    }
    all.entrySet().removeIf(e -> e.getValue().equals(defaults.get(e.getKey())));
    return all;
  }

  /** A draft of {@code kind}'s spec, starting from the first spec of that kind in {@code from}, if any. */
  public static ProbeKind.ProbeDraft<?> draft(ProbeKind<?> kind, List<? extends ProbeSpec> from) {
    return draftOf(kind, from);
  }

  private static <S extends ProbeSpec> ProbeKind.ProbeDraft<S> draftOf(ProbeKind<S> kind, List<? extends ProbeSpec> from) {
    return kind.draft(from.stream().filter(kind.specType()::isInstance).map(kind.specType()::cast).findFirst());
  }
}
