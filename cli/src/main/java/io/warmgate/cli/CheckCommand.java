package io.warmgate.cli;

import io.warmgate.aws.autoscaling.AutoScalingInstances;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleHooks;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.ec2.Ec2InstanceStatusChecks;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.gate.Decider;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.ProbeHistory;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.probe.CappedCheck;
import io.warmgate.core.probe.ProbeTarget;
import io.warmgate.core.probe.Probes;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warmgate check}: probes one instance once and prints what the gate would decide and why. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the readiness probes once against one instance, with the policy its hook resolves to",
      "(defaults, WARMGATE_* variables, the hook's NotificationMetadata), and prints what the gate",
      "would decide now and why. Sends no heartbeat and completes nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the probes passed: ready (the gate continues once it has its consecutive passes)",
      "1:runtime failure",
      "2:bad command line or invalid configuration",
      "3:not ready: the gate would wait",
      "4:the deadline has passed: the gate would abandon (or continue, per policy)",
      "5:nothing to gate: instance gone, not in the group, no launching hook"
    })
public final class CheckCommand implements Callable<Integer> {

  @Option(names = "--asg", required = true, paramLabel = "NAME", description = "The Auto Scaling group.")
  String group;

  @Option(names = "--instance", required = true, paramLabel = "ID", description = "The EC2 instance id.")
  String instanceId;

  @Option(names = "--hook", paramLabel = "NAME", description = "The launching hook (default: the group's launching hook).")
  String hookName;

  @Option(names = "--endpoint-url", paramLabel = "URL", description = "Auto Scaling and EC2 endpoint; default: AWS (or AWS_ENDPOINT_URL).")
  URI endpoint;

  @Option(names = "--region", description = "AWS region; default: AWS_REGION or AWS_DEFAULT_REGION (required one way or the other).")
  String region;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AwsClients built = CliAwsClients.build(spec, endpoint, region);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), timers);
    try (AwsClients clients = built;
        Probes probes = new Probes(scheduler, new Ec2InstanceStatusChecks(clients.ec2()), executor)) {
      return check(out, clients, scheduler, probes);
    } catch (GatePortException e) {
      throw new CliException("cannot read " + instanceId + " or its hook: " + e.getMessage(), e);
    } catch (InvalidConfigurationException e) {
      throw new CliException("invalid configuration: " + e.getMessage(), e, ExitCodes.USAGE);
    } finally {
      executor.shutdownNow();
      timers.shutdownNow();
    }
  }

  private int check(PrintWriter out, AwsClients clients, ExecutorScheduler scheduler, Probes probes) {
    Optional<InstanceFacts> found = new AutoScalingInstances(clients.autoScaling(), clients.ec2()).describe(instanceId);
    if (found.isEmpty()) {
      out.println("instance " + instanceId + " not found: nothing to gate");
      return ExitCodes.NOTHING_TO_GATE;
    }
    InstanceFacts facts = found.get();
    out.println("instance:  " + instanceId + "  group " + facts.groupName().orElse("(none)") + "  state "
        + facts.lifecycleState().orElse("(none)") + " / " + facts.state() + "  ip " + facts.privateIp().orElse("(none)")
        + "  launched " + facts.launchTime());
    AutoScalingLifecycleHooks hooks = new AutoScalingLifecycleHooks(clients.autoScaling());
    Optional<LifecycleHook> hook = hookName != null ? hooks.find(group, hookName)
        : pickLaunchingHook(hooks.list(group));
    if (hook.isEmpty()) {
      out.println("no launching hook " + (hookName != null ? "'" + hookName + "' " : "") + "on group " + group
          + ": nothing to gate");
      return ExitCodes.NOTHING_TO_GATE;
    }
    LifecycleHook h = hook.get();
    if (h.transition() != LifecycleTransition.LAUNCHING) {
      // The gate leaves terminating hooks alone; so does check.
      out.println("hook " + h.hookName() + " on group " + group + " is a terminating hook, not the gate's: nothing to gate");
      return ExitCodes.NOTHING_TO_GATE;
    }
    Phase phase = Phase.fromLifecycleState(facts.lifecycleState().orElse(null)).orElse(Phase.COLD_START);
    out.println("hook:      " + h.hookName() + "  heartbeat timeout " + h.heartbeatTimeout().toSeconds() + "s  default "
        + h.defaultResult() + "  phase " + phase);
    PolicyResolver resolver = new PolicyResolver(new JacksonMetadataParser(), List.of(ConfigLayer.fromEnvironment(System.getenv())));
    ReadinessPolicy policy = resolver.resolve(h).forPhase(phase);
    out.println("policy:    " + PhasePolicies.all(policy).toSettings());
    Instant now = scheduler.now();
    LifecycleAction action = LifecycleAction.discovered(group, h.hookName(), instanceId, origin(phase), destination(phase));
    Optional<Decision.Stop> notOurs = Decider.verify(action, facts);
    if (notOurs.isPresent()) {
      // Like the gate: an instance that is not waiting in this group is not probed at all.
      out.println("decision:  Stop: " + notOurs.get().reason() + ": nothing to gate");
      return ExitCodes.NOTHING_TO_GATE;
    }
    List<ProbeResult> results = new ArrayList<>();
    boolean passed = facts.privateIp().isPresent();
    if (facts.privateIp().isPresent()) {
      ProbeTarget target = new ProbeTarget(instanceId, facts.privateIp().get());
      for (ProbeSpec probeSpec : policy.probes()) {
        // Capped like the gate's rounds, so a probe the gate would time out fails here too.
        ProbeResult r = CappedCheck.check(probes.from(probeSpec), target, policy.probeTimeout(), scheduler).join();
        results.add(r);
        passed &= r.passed();
        out.println("probe:     " + r.probe() + "  " + (r.passed() ? "PASS" : "FAIL") + "  " + r.detail() + "  ("
            + r.took().toMillis() + " ms)");
      }
    } else {
      out.println("probe:     skipped: no private IP yet");
    }
    ProbeHistory history = ProbeHistory.start(now).afterRound(passed, scheduler.now());
    Decision decision = Decider.decide(policy, h, action, facts, history, scheduler.now());
    Decider.deadline(policy, facts).ifPresent(d -> out.println("deadline:  " + d + (d.isAfter(now) ? "" : " (passed)")));
    out.println("decision:  " + decision.getClass().getSimpleName() + ": " + decision.reason());
    if (decision instanceof Decision.Stop) {
      return ExitCodes.NOTHING_TO_GATE;
    }
    if (decision instanceof Decision.Abandon) {
      return ExitCodes.ABANDON;
    }
    if (decision instanceof Decision.Continue && !passed) {
      // Continue at the deadline (policy atDeadline CONTINUE) is a deadline outcome, not readiness.
      return ExitCodes.ABANDON;
    }
    return passed ? ExitCodes.OK : ExitCodes.UNEXPECTED_OR_WAIT;
  }

  private static Optional<LifecycleHook> pickLaunchingHook(List<LifecycleHook> all) {
    List<LifecycleHook> launching = all.stream().filter(h -> h.transition() == LifecycleTransition.LAUNCHING).toList();
    if (launching.size() <= 1) {
      return launching.stream().findFirst();
    }
    // Several launching hooks: the gate's are those whose metadata mentions warmgate.
    return launching.stream().filter(h -> h.notificationMetadata().orElse("").contains("warmgate")).findFirst()
        .or(() -> launching.stream().findFirst());
  }

  private static Optional<Location> origin(Phase phase) {
    return switch (phase) {
      case LEAVING_WARM_POOL -> Optional.of(Location.WARM_POOL);
      case ENTERING_WARM_POOL, COLD_START -> Optional.of(Location.EC2);
      case TERMINATING -> Optional.empty();
    };
  }

  private static Optional<Location> destination(Phase phase) {
    return switch (phase) {
      case ENTERING_WARM_POOL -> Optional.of(Location.WARM_POOL);
      case LEAVING_WARM_POOL, COLD_START -> Optional.of(Location.AUTO_SCALING_GROUP);
      case TERMINATING -> Optional.empty();
    };
  }
}
