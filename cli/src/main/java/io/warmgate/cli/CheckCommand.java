package io.warmgate.cli;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.GateCheck;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.Durations;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.port.GatePortException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warmgate check}: probes one instance once and prints what the gate would decide and why. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Probes one instance once and says what the gate would do.",
    description = {
      "Runs one gate round against one instance, with the hook the gate would gate and the policy it resolves"
          + " to (defaults, WARMGATE_* variables, the hook's NotificationMetadata), and prints the probe results,"
          + " the decision and what the gate would do next. Sends no heartbeat and completes nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the probes passed (the gate continues once it has its consecutive passes and settle; see 'gate:')",
      "1:runtime failure",
      "2:bad command line or invalid configuration",
      "3:not ready: the gate would wait",
      "4:the deadline has passed: the gate would abandon (or continue, per policy)",
      "5:nothing to gate: instance gone, not in the group, no launching hook"
    })
public final class CheckCommand implements Callable<Integer> {

  @Option(names = "--group", paramLabel = "NAME", description = "The Auto Scaling group (required).")
  String group;

  /** The old name of --group, kept so scripts keep working; not shown in help. */
  @Option(names = "--asg", hidden = true, paramLabel = "NAME")
  void asg(String name) {
    group = name;
  }

  @Option(names = "--instance", required = true, paramLabel = "ID", description = "The EC2 instance id.")
  String instanceId;

  @Option(names = "--hook", paramLabel = "NAME", description = "The launching hook (default: the hook the gate gates in that group).")
  String hookName;


  @Mixin AwsOptions aws;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (group == null || group.isBlank()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--group=NAME'");
    }
    PrintWriter out = spec.commandLine().getOut();
    AwsClients built = aws.clients();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), timers);
    try (AwsClients clients = built;
        Gate gate = AwsGateFactory.of(clients, scheduler).gate().executor(executor).environment(System.getenv()).build()) {
      return print(out, new GateCheck(gate).check(group, instanceId, Optional.ofNullable(hookName)));
    } catch (GatePortException e) {
      throw new CliException("cannot read " + instanceId + " or its hook: " + e.getMessage(), e);
    } catch (InvalidConfigurationException e) {
      throw new CliException("invalid configuration: " + e.getMessage(), e, ExitCodes.USAGE);
    } finally {
      executor.shutdownNow();
      timers.shutdownNow();
    }
  }

  private int print(PrintWriter out, GateCheck.Report report) {
    if (report instanceof GateCheck.NothingToGate n) {
      n.facts().ifPresent(f -> printInstance(out, f));
      out.println("decision:  nothing to gate: " + n.reason());
      return ExitCodes.NOTHING_TO_GATE;
    }
    GateCheck.Checked c = (GateCheck.Checked) report;
    printInstance(out, c.facts());
    out.println("hook:      " + c.hook().hookName() + "  heartbeat timeout " + Durations.human(c.hook().heartbeatTimeout())
        + "  default " + c.hook().defaultResult() + "  phase " + c.phase()
        + (c.otherGatedHooks().isEmpty() ? "" : "  (also gated: " + String.join(", ", c.otherGatedHooks()) + "; pick one with --hook)"));
    out.println("policy:    " + PhasePolicies.all(c.policy()).toSettings());
    if (c.facts().privateIp().isEmpty()) {
      out.println("probe:     skipped: no private IP yet");
    }
    for (ProbeResult r : c.results()) {
      out.println("probe:     " + r.probe() + "  " + (r.passed() ? "PASS" : "FAIL") + "  " + r.detail() + "  ("
          + r.took().toMillis() + " ms)");
    }
    c.deadline().ifPresent(d -> out.println("deadline:  " + d + (d.isAfter(c.at()) ? "" : " (passed)")));
    Decision decision = c.decision();
    out.println("decision:  " + decision.getClass().getSimpleName() + ": " + decision.reason());
    out.println("gate:      would " + c.gateWould());
    if (decision instanceof Decision.Stop) {
      return ExitCodes.NOTHING_TO_GATE;
    }
    if (decision instanceof Decision.Abandon) {
      return ExitCodes.ABANDON;
    }
    if (decision instanceof Decision.Continue && !c.passed()) {
      // Continue at the deadline (policy atDeadline CONTINUE) is a deadline outcome, not readiness.
      return ExitCodes.ABANDON;
    }
    return c.passed() ? ExitCodes.OK : ExitCodes.UNEXPECTED_OR_WAIT;
  }

  private void printInstance(PrintWriter out, InstanceFacts facts) {
    out.println("instance:  " + instanceId + "  group " + facts.groupName().orElse("(none)") + "  state "
        + facts.lifecycleState().orElse("(none)") + " / " + facts.state() + "  ip " + facts.privateIp().orElse("(none)")
        + "  launched " + facts.launchTime());
  }
}
