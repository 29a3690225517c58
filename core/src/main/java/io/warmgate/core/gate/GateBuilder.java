package io.warmgate.core.gate;

import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.MetadataParser;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.port.Instances;
import io.warmgate.core.port.LaunchOrigins;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.LifecycleHooks;
import io.warmgate.core.port.Scheduler;
import io.warmgate.core.probe.ProbeFactory;
import io.warmgate.core.probe.Probes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Builds a {@link Gate}: the one way every runner (daemon, Lambda, demo, benchmark, tests) assembles it.
 *
 * <p>Required: {@link #instances}, {@link #hooks}, {@link #actions}, {@link #origins}, {@link #scheduler},
 * {@link #executor}; the probes, either as {@link #statusChecks} (the gate then makes and owns real {@link
 * Probes}) or as a {@link #probes} factory (owned by the caller); the policies, either as a {@link
 * #metadataParser} with optional {@link #baseLayers} or {@link #environment}, or as a ready {@link
 * #policies} resolver. Defaults: {@link GateListener#NONE}, {@link GateOptions#DEFAULTS}, no base layer.
 *
 * <pre>{@code
 * Gate gate = Gate.builder()
 *     .instances(instances).hooks(hooks).actions(actions).origins(origins).statusChecks(statusChecks)
 *     .scheduler(scheduler).executor(workers)
 *     .metadataParser(parser).environment(System.getenv())
 *     .listener(log)
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe; {@link #build()} takes a snapshot, so one builder can make several gates.
 */
public final class GateBuilder {

  private Instances instances;
  private LifecycleHooks hooks;
  private LifecycleActions actions;
  private LaunchOrigins origins;
  private InstanceStatusChecks statusChecks;
  private ConsoleOutputs consoleOutputs = ConsoleOutputs.UNAVAILABLE;
  private ProbeFactory probes;
  private Scheduler scheduler;
  private Executor executor;
  private MetadataParser metadataParser;
  private List<ConfigLayer> baseLayers = List.of();
  private PolicyResolver policies;
  private GateListener listener = GateListener.NONE;
  private GateOptions options = GateOptions.DEFAULTS;

  GateBuilder() {}

  /** Looks up instances (blocking port). */
  public GateBuilder instances(Instances instances) {
    this.instances = Objects.requireNonNull(instances, "instances");
    return this;
  }

  /** Reads hook definitions (blocking port). */
  public GateBuilder hooks(LifecycleHooks hooks) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    return this;
  }

  /** Sends heartbeats and completions (blocking port). */
  public GateBuilder actions(LifecycleActions actions) {
    this.actions = Objects.requireNonNull(actions, "actions");
    return this;
  }

  /**
   * Tells warm starts from cold starts for runs without an origin (blocking port); {@link
   * LaunchOrigins#UNKNOWN} takes every such launch into the group for a cold start.
   */
  public GateBuilder origins(LaunchOrigins origins) {
    this.origins = Objects.requireNonNull(origins, "origins");
    return this;
  }

  /**
   * Reads EC2 status checks for {@code ec2status} probes (blocking port); the gate then makes real
   * probes on the scheduler and executor and closes them when it shuts down. Excludes {@link #probes}.
   */
  public GateBuilder statusChecks(InstanceStatusChecks statusChecks) {
    this.statusChecks = Objects.requireNonNull(statusChecks, "statusChecks");
    return this;
  }

  /**
   * Reads console output for {@code ec2console} probes (blocking port), with the real probes that {@link
   * #statusChecks} asks for. Default: {@link ConsoleOutputs#UNAVAILABLE}, whose reads fail saying so.
   */
  public GateBuilder consoleOutputs(ConsoleOutputs consoleOutputs) {
    this.consoleOutputs = Objects.requireNonNull(consoleOutputs, "consoleOutputs");
    return this;
  }

  /** Makes probes from the policies' specs (scripted probes in tests); owned by the caller. Excludes {@link #statusChecks}. */
  public GateBuilder probes(ProbeFactory probes) {
    this.probes = Objects.requireNonNull(probes, "probes");
    return this;
  }

  /** The gate's clock and timers. */
  public GateBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Runs the blocking port calls; bound it, its size caps concurrent AWS calls. */
  public GateBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Reads the {@code "warmgate"} object of hook metadata. Excludes {@link #policies}. */
  public GateBuilder metadataParser(MetadataParser metadataParser) {
    this.metadataParser = Objects.requireNonNull(metadataParser, "metadataParser");
    return this;
  }

  /** Configuration below the hook metadata, lowest first; replaces any set before. Excludes {@link #policies}. */
  public GateBuilder baseLayers(List<ConfigLayer> baseLayers) {
    this.baseLayers = List.copyOf(Objects.requireNonNull(baseLayers, "baseLayers"));
    return this;
  }

  /** Shorthand for one base layer of {@code WARMGATE_*} variables read from {@code env}. */
  public GateBuilder environment(Map<String, String> env) {
    return baseLayers(List.of(ConfigLayer.fromEnvironment(Objects.requireNonNull(env, "env"))));
  }

  /** A ready policy resolver (shared with another gate, or built by a test). Excludes {@link #metadataParser}. */
  public GateBuilder policies(PolicyResolver policies) {
    this.policies = Objects.requireNonNull(policies, "policies");
    return this;
  }

  /** Observes decisions and outcomes. Default: {@link GateListener#NONE}. */
  public GateBuilder listener(GateListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Loop tuning. Default: {@link GateOptions#DEFAULTS}. */
  public GateBuilder options(GateOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * Builds the gate.
   *
   * @throws NullPointerException naming the first required part that is missing
   * @throws IllegalStateException if both or neither of statusChecks and probes, or of metadataParser and
   *     policies, are set, or base layers are given with a ready resolver
   * @throws io.warmgate.core.policy.InvalidConfigurationException if the base layers are invalid
   */
  public Gate build() {
    Objects.requireNonNull(instances, "instances");
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(origins, "origins");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(executor, "executor");
    if ((statusChecks == null) == (probes == null)) {
      throw new IllegalStateException("give exactly one of statusChecks (real probes) and probes (a probe factory)");
    }
    if ((metadataParser == null) == (policies == null)) {
      throw new IllegalStateException("give exactly one of metadataParser and policies");
    }
    if (policies != null && !baseLayers.isEmpty()) {
      throw new IllegalStateException("base layers belong to the policy resolver; give them to it, not beside it");
    }
    PolicyResolver resolver = policies != null ? policies : new PolicyResolver(metadataParser, baseLayers);
    Probes owned = statusChecks != null ? new Probes(scheduler, statusChecks, consoleOutputs, executor) : null;
    return new Gate(instances, hooks, actions, origins, scheduler, executor, resolver, owned != null ? owned : probes, listener, options, owned);
  }
}
