package io.warmgate.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.gate.GateOptions;
import io.warmgate.core.gate.RunBudget;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.ConfigKeys;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyPresets;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.StatusCodes;
import io.warmgate.core.policy.TcpProbeSpec;
import io.warmgate.core.probe.ProbeKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awscdk.Token;

/**
 * Describes when the gate calls an instance ready, and serializes itself into the lifecycle hook's
 * NotificationMetadata so that one gate function can serve several groups with different policies.
 *
 * <p>The plain settings apply to every phase; {@link PhasePolicy} overrides refine them for an
 * instance entering the warm pool (its first boot, stopped afterwards), leaving it (a warm start) and
 * a cold start, written as the core's {@code phases.<phase>.<key>} settings. By default only the
 * instance entering the pool waits the settle delay (EC2Launch saves its state before the stop), a
 * warm start, whose setup is done, gets a 15-minute deadline, and both phases where the pool is
 * involved probe every 2 s. These defaults are the gate's own ({@link PolicyPresets#defaults()}),
 * written once there.
 *
 * <p>The metadata shape is the gate's contract, and it holds only what differs from the gate's
 * defaults, so that a real policy fits Auto Scaling's 1,023 characters. The defaults give
 * {@code {"warmgate":{}}}; a health path and a longer deadline give
 * {@code {"warmgate":{"http":{"path":"/health"},"deadline":"PT40M"}}}; a phase's own value goes under
 * {@code "phases":{"enteringWarmPool":{...}}}.
 *
 * <p>The port and the path may be CloudFormation tokens (template parameters): they are then written into the
 * metadata as the parameter's value at deployment, and the parameter's own constraints check them.
 *
 * @param port the instance's health port, 1..65535 (or a number token)
 * @param path the HTTP path probed, starting with {@code /} (or a string token)
 * @param codes the HTTP status codes that count as a pass, e.g. {@code 200-399} or {@code 200,204}
 * @param deadline how long after the start of the current boot the gate waits before giving up
 * @param atDeadline what the gate does when the deadline passes
 * @param consecutive how many passing probes in a row make the instance ready
 * @param interval time between probes
 * @param enteringWarmPool overrides for an instance launched into the warm pool
 * @param leavingWarmPool overrides for an instance started from the warm pool into the group
 * @param coldStart overrides for an instance launched straight into the group
 * @param probes the probes of every phase, any of the gate's kinds ({@link ProbeKinds}), all of which must
 *     pass; empty for the HTTP probe of {@code port}, {@code path} and {@code codes} (the default). An
 *     {@link HttpProbeSpec} among them sets those three.
 */
public record ReadinessPolicy(
    Number port,
    String path,
    String codes,
    Duration deadline,
    LifecycleResult atDeadline,
    int consecutive,
    Duration interval,
    PhasePolicy enteringWarmPool,
    PhasePolicy leavingWarmPool,
    PhasePolicy coldStart,
    List<ProbeSpec> probes) {

  /**
   * Auto Scaling's limit for NotificationMetadata: {@code XmlStringMaxLen1023}, in both PutLifecycleHook
   * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutLifecycleHook.html) and a group's
   * LifecycleHookSpecification
   * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LifecycleHookSpecification.html).
   */
  public static final int MAX_METADATA_LENGTH = 1023;
  /** The gate's confirm cadence, which the metadata leaves at its default. */
  private static final Duration CONFIRM = io.warmgate.core.policy.ReadinessPolicy.DEFAULT_CONFIRM_INTERVAL;

  private static final Pattern CODES = Pattern.compile("[1-5]\\d\\d(-[1-5]\\d\\d)?(,[1-5]\\d\\d(-[1-5]\\d\\d)?)*");
  private static final Pattern PRINTABLE_PATH = Pattern.compile("/[\\x21-\\x7e]*");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PHASES = "phases";
  /** The gate's own defaults: the builder starts from them, and the metadata writes only what differs. */
  private static final PhasePolicies GATE_DEFAULTS = PolicyPresets.defaults();
  private static final io.warmgate.core.policy.ReadinessPolicy GATE_BASE = GATE_DEFAULTS.coldStart();
  private static final HttpProbeSpec GATE_HTTP = http(GATE_BASE);

  /** Validates every setting; see the record components for the accepted ranges. */
  public ReadinessPolicy {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(path, "path");
    if (!Token.isUnresolved(port) && !(port instanceof Integer)) {
      port = port.intValue() == port.doubleValue() ? Integer.valueOf(port.intValue()) : port;
    }
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(atDeadline, "atDeadline");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(enteringWarmPool, "enteringWarmPool");
    Objects.requireNonNull(leavingWarmPool, "leavingWarmPool");
    Objects.requireNonNull(coldStart, "coldStart");
    probes = List.copyOf(Objects.requireNonNull(probes, "probes"));
    checkProbes(probes);
    if (!Token.isUnresolved(port) && (port.doubleValue() != port.intValue() || port.intValue() < 1 || port.intValue() > 65535)) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (!Token.isUnresolved(path) && !PRINTABLE_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("path must start with '/' and hold printable ASCII only, got '" + path + "'");
    }
    if (!CODES.matcher(codes).matches()) {
      throw new IllegalArgumentException("codes must look like 200-399 or 200,204, got '" + codes + "'");
    }
    checkDeadline(deadline);
    checkConsecutive(consecutive);
    checkInterval(interval);
    for (Map.Entry<String, PhasePolicy> phase : phases(enteringWarmPool, leavingWarmPool, coldStart).entrySet()) {
      Duration phaseDeadline = phase.getValue().deadline().orElse(deadline);
      phase.getValue().settle().filter(settle -> settle.compareTo(phaseDeadline) >= 0).ifPresent(settle -> {
        throw new IllegalArgumentException(phase.getKey() + " settle " + settle + " must be shorter than its deadline " + phaseDeadline);
      });
    }
  }

  /** One probe per kind, each kind known to the gate. */
  static void checkProbes(List<ProbeSpec> probes) {
    Set<String> kinds = new LinkedHashSet<>();
    for (ProbeSpec spec : probes) {
      ProbeKinds.of(spec);
      if (!kinds.add(spec.kind())) {
        throw new IllegalArgumentException("probe kind " + spec.kind() + " is listed twice");
      }
    }
  }

  /** The kinds some phase's probes are of, e.g. {@code [http]} or {@code [ec2console]}. */
  public Set<String> probeKinds() {
    Set<String> kinds = new LinkedHashSet<>();
    if (probes.isEmpty()) {
      kinds.add("http");
    }
    probes.forEach(spec -> kinds.add(spec.kind()));
    Stream.of(enteringWarmPool, leavingWarmPool, coldStart)
        .forEach(p -> p.probes().ifPresent(list -> list.forEach(spec -> kinds.add(spec.kind()))));
    return kinds;
  }

  /**
   * True if a probe of some phase connects to the instances (HTTP, TCP): the function then needs a
   * network path to them, a VPC. A policy of {@code ec2console} and {@code ec2status} probes only runs
   * outside any VPC.
   */
  public boolean needsNetwork() {
    return probeKinds().stream().anyMatch(kind -> ProbeKinds.named(kind).orElseThrow().needsNetwork());
  }

  /** The TCP probes' ports, beside the HTTP {@link #port()}: what the function's security group must reach. */
  public Set<Integer> tcpPorts() {
    Set<Integer> ports = new LinkedHashSet<>();
    Stream.concat(probes.stream(), Stream.of(enteringWarmPool, leavingWarmPool, coldStart)
            .flatMap(p -> p.probes().stream().flatMap(List::stream)))
        .filter(TcpProbeSpec.class::isInstance).forEach(spec -> ports.add(((TcpProbeSpec) spec).port()));
    return ports;
  }

  static void checkDeadline(Duration deadline) {
    if (deadline.compareTo(Duration.ofMinutes(1)) < 0 || deadline.compareTo(Duration.ofHours(48)) > 0) {
      throw new IllegalArgumentException("deadline must be 1 minute..48 hours, got " + deadline);
    }
  }

  static void checkConsecutive(int consecutive) {
    if (consecutive < 1 || consecutive > 100) {
      throw new IllegalArgumentException("consecutive must be 1..100, got " + consecutive);
    }
  }

  static void checkSettle(Duration settle) {
    if (settle.isNegative() || settle.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("settle must be 0..1 hour, got " + settle);
    }
  }

  static void checkInterval(Duration interval) {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("interval must be 1 second..10 minutes, got " + interval);
    }
  }

  /** The phase overrides under the names the core gives them ({@code enteringWarmPool}, ...), in that order. */
  private static Map<String, PhasePolicy> phases(PhasePolicy entering, PhasePolicy leaving, PhasePolicy cold) {
    Map<String, PhasePolicy> phases = new LinkedHashMap<>();
    phases.put(phaseName(Phase.ENTERING_WARM_POOL), entering);
    phases.put(phaseName(Phase.LEAVING_WARM_POOL), leaving);
    phases.put(phaseName(Phase.COLD_START), cold);
    return phases;
  }

  /** {@code phases.enteringWarmPool.} gives {@code enteringWarmPool}: the core's spelling, not a copy of it. */
  private static String phaseName(Phase phase) {
    String prefix = ConfigKeys.phasePrefix(phase);
    return prefix.substring(PHASES.length() + 1, prefix.length() - 1);
  }

  /** The longest deadline of any phase: what the hook's global timeout must cover. */
  public Duration longestDeadline() {
    return Stream.of(enteringWarmPool, leavingWarmPool, coldStart)
        .map(p -> p.deadline().orElse(deadline))
        .max(Duration::compareTo)
        .orElseThrow();
  }

  /** The longest probe interval of any phase: what the hook's heartbeat timeout must outlast. */
  public Duration longestInterval() {
    return Stream.of(enteringWarmPool, leavingWarmPool, coldStart)
        .map(p -> p.interval().orElse(interval))
        .max(Duration::compareTo)
        .orElseThrow();
  }

  /**
   * The phase whose streak needs the longest run and that run's budget ({@link RunBudget#least}): the
   * gate's look-ups, the settle delay (or the confirming rounds), the last round and the completion, with
   * the gate's probe timeout, confirm cadence and call reserve. A run shorter than this restarts the streak
   * every time and never continues a healthy instance.
   */
  public Map.Entry<String, Duration> leastRunBudget() {
    Map.Entry<String, Duration> most = Map.entry("", Duration.ZERO);
    for (Map.Entry<String, PhasePolicy> phase : phases(enteringWarmPool, leavingWarmPool, coldStart).entrySet()) {
      PhasePolicy p = phase.getValue();
      Duration phaseInterval = p.interval().orElse(interval);
      Duration cadence = CONFIRM.compareTo(phaseInterval) < 0 ? CONFIRM : phaseInterval;
      Duration least = RunBudget.least(p.settle().orElse(Duration.ZERO), p.consecutive().orElse(consecutive), cadence,
          io.warmgate.core.policy.ReadinessPolicy.DEFAULT_PROBE_TIMEOUT, GateOptions.DEFAULTS.callReserve());
      if (least.compareTo(most.getValue()) > 0) {
        most = Map.entry(phase.getKey(), least);
      }
    }
    return most;
  }

  /**
   * Returns a builder holding the gate's defaults ({@link PolicyPresets#defaults()}): port 80, {@code /},
   * {@code 200-299}, 30 min, ABANDON, 3 passes, 15 s; entering the warm pool settles 30 s, leaving it
   * has a 15-minute deadline, and both probe every 2 s.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this policy's settings. */
  public Builder toBuilder() {
    return new Builder()
        .port(port).path(path).codes(codes).deadline(deadline).atDeadline(atDeadline)
        .consecutive(consecutive).interval(interval)
        .enteringWarmPool(enteringWarmPool).leavingWarmPool(leavingWarmPool).coldStart(coldStart)
        .probes(probes);
  }

  /**
   * Returns the hook's NotificationMetadata: what this policy changes from the gate's defaults, as JSON
   * under the key {@code warmgate}.
   *
   * @throws IllegalStateException if the JSON would exceed Auto Scaling's {@value #MAX_METADATA_LENGTH} characters
   */
  public String toNotificationMetadata() {
    Map<String, PhasePolicy> overrides = phases(enteringWarmPool, leavingWarmPool, coldStart);
    List<Phase> order = List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START);
    // Per key, this policy's value in each phase and the gate's default there, both as the metadata writes them.
    Map<String, List<Object>> mine = new LinkedHashMap<>();
    Map<String, List<Object>> gate = new LinkedHashMap<>();
    for (Phase phase : order) {
      PhasePolicy p = overrides.get(phaseName(phase));
      io.warmgate.core.policy.ReadinessPolicy g = GATE_DEFAULTS.forPhase(phase);
      HttpProbeSpec gateHttp = http(g);
      add(mine, gate, "http.port", port, gateHttp.port());
      add(mine, gate, "http.path", path, gateHttp.path());
      add(mine, gate, "http.codes", StatusCodes.parse(codes).toString(), gateHttp.codes().toString());
      add(mine, gate, "deadline", p.deadline().orElse(deadline).toString(), g.deadline().map(Duration::toString).orElse(null));
      add(mine, gate, "atDeadline", p.atDeadline().orElse(atDeadline).name(), g.resultAtDeadline().name());
      add(mine, gate, "consecutive", p.consecutive().orElse(consecutive), g.consecutiveSuccesses());
      add(mine, gate, "settle", p.settle().orElse(Duration.ZERO).toString(), g.settleDelay().toString());
      add(mine, gate, "interval", p.interval().orElse(interval).toString(), g.interval().toString());
    }
    // Only what differs from the gate's defaults, so that real policies stay within Auto Scaling's limit:
    // per key, either no plain value and an override where a phase differs, or the plain value that
    // needs the fewest overrides, whichever writes fewer keys (the plain value on a tie).
    ObjectNode root = JSON.createObjectNode();
    ObjectNode gateNode = root.putObject("warmgate");
    ObjectNode phasesNode = JSON.createObjectNode();
    for (Map.Entry<String, List<Object>> key : mine.entrySet()) {
      List<Object> values = key.getValue();
      List<Object> defaults = gate.get(key.getKey());
      Object plain = null;
      long fewest = Long.MAX_VALUE;
      for (Object candidate : values) {
        long cost = 1 + differing(values, Collections.nCopies(values.size(), candidate));
        if (cost < fewest) {
          fewest = cost;
          plain = candidate;
        }
      }
      // On a tie the plain value wins: it reads as the policy's own setting.
      if (differing(values, defaults) < fewest) {
        plain = null;
      }
      if (plain != null) {
        put(gateNode, key.getKey(), plain);
      }
      for (int i = 0; i < order.size(); i++) {
        Object expected = plain != null ? plain : defaults.get(i);
        if (!values.get(i).equals(expected)) {
          ObjectNode phaseNode = phasesNode.has(phaseName(order.get(i)))
              ? (ObjectNode) phasesNode.get(phaseName(order.get(i))) : phasesNode.putObject(phaseName(order.get(i)));
          put(phaseNode, key.getKey(), values.get(i));
        }
      }
    }
    // Probes other than the default HTTP one: their kinds and each spec's settings that differ from its kind's.
    if (!probes.isEmpty()) {
      gateNode.put("probes", kindList(probes));
      probes.forEach(spec -> writeProbe(gateNode, spec));
    }
    for (Phase phase : order) {
      Optional<List<ProbeSpec>> own = overrides.get(phaseName(phase)).probes();
      if (own.isPresent()) {
        String name = phaseName(phase);
        ObjectNode phaseNode = phasesNode.has(name) ? (ObjectNode) phasesNode.get(name) : phasesNode.putObject(name);
        phaseNode.put("probes", kindList(own.get()));
        own.get().forEach(spec -> writeProbe(phaseNode, spec));
      }
    }
    if (!phasesNode.isEmpty()) {
      gateNode.set(PHASES, phasesNode);
    }
    String text;
    try {
      text = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the readiness policy as JSON", e);
    }
    if (text.length() > MAX_METADATA_LENGTH) {
      throw new IllegalStateException("the readiness policy needs " + text.length() + " characters of NotificationMetadata,"
          + " over Auto Scaling's limit of " + MAX_METADATA_LENGTH + " (PutLifecycleHook, XmlStringMaxLen1023): shorten the"
          + " health path or keep more settings at the gate's defaults; the metadata was " + text);
    }
    return text;
  }

  private static String kindList(List<ProbeSpec> specs) {
    return String.join(",", specs.stream().map(ProbeSpec::kind).toList());
  }

  /** A spec's settings that differ from its kind's defaults, under the kind's name: {@code "ec2console":{"latest":"never"}}. */
  private static void writeProbe(ObjectNode parent, ProbeSpec spec) {
    Map<String, String> changed = ProbeKinds.changedSettings(spec);
    if (changed.isEmpty()) {
      return;
    }
    ObjectNode node = parent.has(spec.kind()) ? (ObjectNode) parent.get(spec.kind()) : parent.putObject(spec.kind());
    changed.forEach((key, value) -> {
      String sub = key.substring(spec.kind().length() + 1);
      if (!node.has(sub)) {
        node.put(sub, value);
      }
    });
  }

  private static void add(Map<String, List<Object>> mine, Map<String, List<Object>> gate, String key, Object value, Object gateValue) {
    mine.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    gate.computeIfAbsent(key, k -> new ArrayList<>()).add(gateValue);
  }

  private static long differing(List<Object> values, List<Object> against) {
    long count = 0;
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).equals(against.get(i))) {
        count++;
      }
    }
    return count;
  }

  /** Writes {@code http.port} as {@code "http":{"port":...}}, the shape the gate's parser flattens back. */
  private static void put(ObjectNode node, String dottedKey, Object value) {
    int dot = dottedKey.indexOf('.');
    if (dot > 0) {
      String head = dottedKey.substring(0, dot);
      ObjectNode child = node.has(head) ? (ObjectNode) node.get(head) : node.putObject(head);
      put(child, dottedKey.substring(dot + 1), value);
    } else if (value instanceof Integer number) {
      node.put(dottedKey, number);
    } else if (value instanceof Number number && Token.isUnresolved(number)) {
      // A number token would be written as its encoding double; as text it resolves to the parameter's value,
      // "8080", which the gate reads as it reads 8080.
      node.put(dottedKey, Token.asString(number));
    } else {
      node.put(dottedKey, value.toString());
    }
  }

  /** The HTTP probe of one of the gate's default policies. */
  private static HttpProbeSpec http(io.warmgate.core.policy.ReadinessPolicy policy) {
    return policy.probes().stream().filter(HttpProbeSpec.class::isInstance).map(HttpProbeSpec.class::cast).findFirst()
        .orElseThrow(() -> new IllegalStateException("the gate's default policy has no HTTP probe"));
  }

  /** The overrides that make the gate's default for {@code phase} out of its plain default. */
  private static PhasePolicy gatePhase(io.warmgate.core.policy.ReadinessPolicy phase) {
    PhasePolicy.Builder overrides = PhasePolicy.builder();
    if (!phase.deadline().equals(GATE_BASE.deadline())) {
      overrides.deadline(phase.deadline().orElseThrow());
    }
    if (phase.resultAtDeadline() != GATE_BASE.resultAtDeadline()) {
      overrides.atDeadline(LifecycleResult.valueOf(phase.resultAtDeadline().name()));
    }
    if (phase.consecutiveSuccesses() != GATE_BASE.consecutiveSuccesses()) {
      overrides.consecutive(phase.consecutiveSuccesses());
    }
    if (!phase.settleDelay().equals(GATE_BASE.settleDelay())) {
      overrides.settle(phase.settleDelay());
    }
    if (!phase.interval().equals(GATE_BASE.interval())) {
      overrides.interval(phase.interval());
    }
    return overrides.build();
  }

  /** Collects the settings of a {@link ReadinessPolicy}; {@link #build()} validates them. */
  public static final class Builder {
    // The gate's defaults (core PolicyPresets), written there once: a construct left at its defaults
    // deploys exactly what the gate does without metadata.
    private Number port = GATE_HTTP.port();
    private String path = GATE_HTTP.path();
    private String codes = GATE_HTTP.codes().toString();
    private Duration deadline = GATE_BASE.deadline().orElseThrow();
    private LifecycleResult atDeadline = LifecycleResult.valueOf(GATE_BASE.resultAtDeadline().name());
    private int consecutive = GATE_BASE.consecutiveSuccesses();
    private Duration interval = GATE_BASE.interval();
    private PhasePolicy enteringWarmPool = gatePhase(GATE_DEFAULTS.enteringWarmPool());
    private PhasePolicy leavingWarmPool = gatePhase(GATE_DEFAULTS.leavingWarmPool());
    private PhasePolicy coldStart = gatePhase(GATE_DEFAULTS.coldStart());
    private List<ProbeSpec> probes = List.of();

    private Builder() {}

    /**
     * Sets the probes of every phase, of any kind the gate knows (default: none listed, the HTTP probe of
     * port, path and codes). An {@link HttpProbeSpec} among them sets port, path and codes; a list without
     * one, e.g. {@code new Ec2ConsoleProbeSpec()} alone, needs no network path to the instances.
     */
    public Builder probes(List<? extends ProbeSpec> probes) {
      this.probes = List.copyOf(probes);
      return this;
    }

    /** As {@link #probes(List)}. */
    public Builder probes(ProbeSpec... probes) {
      return probes(List.of(probes));
    }

    /** Sets the health port (default: the gate's, 80); a number token is checked by its template parameter. */
    public Builder port(Number port) {
      this.port = port;
      return this;
    }

    /** Sets the probed HTTP path (default: the gate's, {@code /}). */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets the passing status codes (default: the gate's, {@code 200-299}). */
    public Builder codes(String codes) {
      this.codes = codes;
      return this;
    }

    /** Sets the readiness deadline, counted from the start of the current boot (default: the gate's, 30 minutes). */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** Sets the result when the deadline passes (default ABANDON). */
    public Builder atDeadline(LifecycleResult atDeadline) {
      this.atDeadline = atDeadline;
      return this;
    }

    /** Sets how many passes in a row make the instance ready (default 3). */
    public Builder consecutive(int consecutive) {
      this.consecutive = consecutive;
      return this;
    }


    /** Sets the time between probes (default 15 seconds). */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Sets the overrides for an instance launched into the warm pool (default: settle 30 seconds, interval 2 seconds). */
    public Builder enteringWarmPool(PhasePolicy overrides) {
      this.enteringWarmPool = overrides;
      return this;
    }

    /** Sets the overrides for a warm start, pool to group (default: deadline 15 minutes, interval 2 seconds). */
    public Builder leavingWarmPool(PhasePolicy overrides) {
      this.leavingWarmPool = overrides;
      return this;
    }

    /** Sets the overrides for a launch straight into the group (default: none). */
    public Builder coldStart(PhasePolicy overrides) {
      this.coldStart = overrides;
      return this;
    }

    /** Returns the validated policy. */
    public ReadinessPolicy build() {
      Number p = port;
      String pa = path;
      String co = codes;
      for (ProbeSpec spec : probes) {
        if (spec instanceof HttpProbeSpec h) {
          p = h.port();
          pa = h.path();
          co = h.codes().toString();
        }
      }
      return new ReadinessPolicy(p, pa, co, deadline, atDeadline, consecutive, interval,
          enteringWarmPool, leavingWarmPool, coldStart, probes);
    }
  }
}
