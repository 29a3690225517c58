package io.warmgate.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.gate.GateOptions;
import io.warmgate.core.gate.RunBudget;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.ConfigKeys;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.PolicyPresets;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.StatusCodes;
import io.warmgate.core.policy.TcpProbeSpec;
import io.warmgate.core.probe.ProbeKinds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Describes when the gate calls an instance ready, and serializes itself into the lifecycle hook's
 * NotificationMetadata so that one gate function can serve several groups with different policies.
 *
 * <p>The plain settings apply to every phase; {@link PhasePolicy} overrides refine them for an
 * instance entering the warm pool (its first boot, stopped afterwards), leaving it (a warm start) and
 * a cold start, written as the core's {@code phases.<phase>.<key>} settings. By default only the
 * instance entering the pool waits the settle delay (EC2Launch saves its state before the stop), a
 * warm start, whose setup is done, gets a 15-minute deadline, and both phases where the pool is
 * involved probe every 2 s, as the gate's own defaults do.
 *
 * <p>The metadata shape is the gate's contract:
 * {@code {"warmgate":{"http":{"port":80,"path":"/health","codes":"200-399"},"deadline":"PT25M",
 * "atDeadline":"ABANDON","consecutive":3,"settle":"PT0S","interval":"PT15S",
 * "phases":{"enteringWarmPool":{"settle":"PT30S","interval":"PT2S"},"leavingWarmPool":{"deadline":"PT15M","interval":"PT2S"}}}}}.
 *
 * @param port the instance's health port, 1..65535
 * @param path the HTTP path probed, starting with {@code /}
 * @param codes the HTTP status codes that count as a pass, e.g. {@code 200-399} or {@code 200,204}
 * @param deadline how long after the start of the current boot the gate waits before giving up
 * @param atDeadline what the gate does when the deadline passes
 * @param consecutive how many passing probes in a row make the instance ready
 * @param interval time between probes
 * @param enteringWarmPool overrides for an instance launched into the warm pool
 * @param leavingWarmPool overrides for an instance started from the warm pool into the group
 * @param coldStart overrides for an instance launched straight into the group
 * @param probes the probes of every phase, any of the gate's kinds ({@link ProbeKinds}); all must
 *     pass. By default the HTTP probe of {@code port}, {@code path} and {@code codes}; an {@link
 *     HttpProbeSpec} in the list sets those three.
 */
public record ReadinessPolicy(
    int port,
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

  /** NotificationMetadata is limited to this many printable ASCII characters by Auto Scaling. */
  public static final int MAX_METADATA_LENGTH = 4000;
  /** The gate's confirm cadence, which the metadata leaves at its default. */
  private static final Duration CONFIRM = io.warmgate.core.policy.ReadinessPolicy.DEFAULT_CONFIRM_INTERVAL;

  private static final Pattern CODES = Pattern.compile("[1-5]\\d\\d(-[1-5]\\d\\d)?(,[1-5]\\d\\d(-[1-5]\\d\\d)?)*");
  private static final Pattern PRINTABLE_PATH = Pattern.compile("/[\\x21-\\x7e]*");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PHASES = "phases";
  private static final PhasePolicies GATE_DEFAULTS = PolicyPresets.defaults();

  /** Validates every setting; see the record components for the accepted ranges. */
  public ReadinessPolicy {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(atDeadline, "atDeadline");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(enteringWarmPool, "enteringWarmPool");
    Objects.requireNonNull(leavingWarmPool, "leavingWarmPool");
    Objects.requireNonNull(coldStart, "coldStart");
    probes = List.copyOf(Objects.requireNonNull(probes, "probes"));
    if (probes.isEmpty()) {
      throw new IllegalArgumentException("probes must not be empty");
    }
    checkProbes(probes);
    checkHttp(port, path, codes);
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

  static void checkHttp(int port, String path, String codes) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (!PRINTABLE_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("path must start with '/' and hold printable ASCII only, got '" + path + "'");
    }
    if (!CODES.matcher(codes).matches()) {
      throw new IllegalArgumentException("codes must look like 200-399 or 200,204, got '" + codes + "'");
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

  /** The probe specs of every phase: the plain ones and each phase's own. */
  private Stream<ProbeSpec> allProbes() {
    return Stream.concat(probes.stream(),
        Stream.of(enteringWarmPool, leavingWarmPool, coldStart).flatMap(p -> p.probes().stream().flatMap(List::stream)));
  }

  /**
   * True if a probe of some phase connects to the instances (HTTP, TCP): the function then needs a
   * network path to them, a VPC. A policy of {@code ec2console} and {@code ec2status} probes only runs
   * outside any VPC.
   */
  public boolean needsNetwork() {
    return allProbes().anyMatch(ProbeSpec::needsAddress);
  }

  /** The probe kinds some phase uses, e.g. {@code [http]} or {@code [ec2console]}. */
  public Set<String> probeKinds() {
    Set<String> kinds = new LinkedHashSet<>();
    allProbes().forEach(spec -> kinds.add(spec.kind()));
    return kinds;
  }

  /** The instance ports some phase's probes connect to (HTTP and TCP probes), for the security group. */
  public Set<Integer> probePorts() {
    Set<Integer> ports = new LinkedHashSet<>();
    allProbes().forEach(spec -> {
      if (spec instanceof HttpProbeSpec h) {
        ports.add(h.port());
      } else if (spec instanceof TcpProbeSpec t) {
        ports.add(t.port());
      }
    });
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
   * Returns a builder holding the defaults: port 80, {@code /health}, {@code 200-399}, 25 min, ABANDON,
   * 3 passes, 15 s; entering the warm pool settles 30 s, leaving it has a 15-minute deadline, and both
   * probe every 2 s.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this policy's settings. */
  public Builder toBuilder() {
    Builder b = new Builder()
        .port(port).path(path).codes(codes).deadline(deadline).atDeadline(atDeadline)
        .consecutive(consecutive).interval(interval)
        .enteringWarmPool(enteringWarmPool).leavingWarmPool(leavingWarmPool).coldStart(coldStart);
    // The default HTTP probe follows port, path and codes, so a variant that changes them changes it.
    return probes.equals(List.of(defaultHttp(port, path, codes))) ? b : b.probes(probes);
  }

  /**
   * Returns the hook's NotificationMetadata: this policy as JSON under the key {@code warmgate}.
   *
   * @throws IllegalStateException if the JSON would exceed {@value #MAX_METADATA_LENGTH} characters
   */
  public String toNotificationMetadata() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode gate = root.putObject("warmgate");
    if (!probes.equals(List.of(defaultHttp(port, path, codes)))) {
      gate.put("probes", kindList(probes));
    }
    if (probeKinds().contains("http")) {
      ObjectNode http = gate.putObject("http");
      http.put("port", port);
      http.put("path", path);
      http.put("codes", codes);
    }
    probes.forEach(spec -> writeProbe(gate, spec));
    gate.put("deadline", deadline.toString());
    gate.put("atDeadline", atDeadline.name());
    gate.put("consecutive", consecutive);
    // Written out so the metadata alone says what every phase does; only phases below settle.
    gate.put("settle", Duration.ZERO.toString());
    gate.put("interval", interval.toString());
    ObjectNode phases = JSON.createObjectNode();
    phases(enteringWarmPool, leavingWarmPool, coldStart).forEach((name, overrides) -> {
      if (!overrides.isEmpty()) {
        ObjectNode phase = phases.putObject(name);
        overrides.deadline().ifPresent(d -> phase.put("deadline", d.toString()));
        overrides.atDeadline().ifPresent(r -> phase.put("atDeadline", r.name()));
        overrides.consecutive().ifPresent(n -> phase.put("consecutive", n));
        overrides.settle().ifPresent(d -> phase.put("settle", d.toString()));
        overrides.interval().ifPresent(d -> phase.put("interval", d.toString()));
        overrides.probes().ifPresent(list -> {
          phase.put("probes", kindList(list));
          list.forEach(spec -> writeProbe(phase, spec));
        });
      }
    });
    if (!phases.isEmpty()) {
      gate.set(PHASES, phases);
    }
    String text;
    try {
      text = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the readiness policy as JSON", e);
    }
    if (text.length() > MAX_METADATA_LENGTH) {
      throw new IllegalStateException("NotificationMetadata is " + text.length() + " characters, over the limit of " + MAX_METADATA_LENGTH);
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

  /** The HTTP probe the port, path and codes describe. */
  static HttpProbeSpec defaultHttp(int port, String path, String codes) {
    return HttpProbeSpec.http(port, path).withCodes(StatusCodes.parse(codes));
  }

  /** Collects the settings of a {@link ReadinessPolicy}; {@link #build()} validates them. */
  public static final class Builder {
    private int port = 80;
    private String path = "/health";
    private String codes = "200-399";
    private Duration deadline = Duration.ofMinutes(25);
    private LifecycleResult atDeadline = LifecycleResult.ABANDON;
    private int consecutive = 3;
    private Duration interval = Duration.ofSeconds(15);
    // The phases' own rounds are the gate's (PolicyPresets): the plain interval written to the metadata
    // applies to every phase, so a phase that leaves it out would get 15 s instead.
    private PhasePolicy enteringWarmPool = PhasePolicy.builder()
        .settle(Duration.ofSeconds(30)).interval(GATE_DEFAULTS.enteringWarmPool().interval()).build();
    private PhasePolicy leavingWarmPool = PhasePolicy.builder()
        .deadline(Duration.ofMinutes(15)).interval(GATE_DEFAULTS.leavingWarmPool().interval()).build();
    private PhasePolicy coldStart = PhasePolicy.NONE;
    private List<ProbeSpec> probes;

    private Builder() {}

    /**
     * Sets the probes of every phase, of any kind the gate knows (default: the HTTP probe of port, path
     * and codes). An {@link HttpProbeSpec} among them sets port, path and codes; a list without one,
     * e.g. {@code new Ec2ConsoleProbeSpec()} alone, needs no network path to the instances.
     */
    public Builder probes(List<? extends ProbeSpec> probes) {
      this.probes = List.copyOf(probes);
      return this;
    }

    /** As {@link #probes(List)}. */
    public Builder probes(ProbeSpec... probes) {
      return probes(List.of(probes));
    }

    /** Sets the health port (default 80). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets the probed HTTP path (default {@code /health}). */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets the passing status codes (default {@code 200-399}). */
    public Builder codes(String codes) {
      this.codes = codes;
      return this;
    }

    /** Sets the readiness deadline, counted from the start of the current boot (default 25 minutes). */
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
      if (probes == null) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(codes, "codes");
        checkHttp(port, path, codes);
      }
      List<ProbeSpec> list = probes != null ? probes : List.of(defaultHttp(port, path, codes));
      int p = port;
      String pa = path;
      String co = codes;
      for (ProbeSpec spec : list) {
        if (spec instanceof HttpProbeSpec h) {
          p = h.port();
          pa = h.path();
          co = h.codes().toString();
        }
      }
      return new ReadinessPolicy(p, pa, co, deadline, atDeadline, consecutive, interval,
          enteringWarmPool, leavingWarmPool, coldStart, list);
    }
  }
}
