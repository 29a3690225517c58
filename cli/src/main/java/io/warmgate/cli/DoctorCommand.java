package io.warmgate.cli;

import io.warmgate.aws.doctor.AutoScalingGroupSnapshots;
import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.aws.doctor.EventBridgeRoutes;
import io.warmgate.cli.doctor.DoctorReport;
import io.warmgate.core.doctor.Doctor;
import io.warmgate.core.doctor.EventRoutes;
import io.warmgate.core.doctor.GroupReport;
import io.warmgate.core.doctor.GroupSnapshot;
import io.warmgate.core.doctor.Severity;
import io.warmgate.core.port.GatePortException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@code warmgate doctor}: reads groups through the AWS API and reports warm-pool misconfigurations. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Reports the warm-pool misconfigurations of groups.",
    // One string, so picocli wraps it to the terminal instead of breaking it where the source does.
    description = "Reads each group through the AWS API (DescribeAutoScalingGroups, DescribeWarmPool,"
        + " DescribeLifecycleHooks, DescribeScalingActivities, DescribeInstances and, where permitted, EventBridge"
        + " ListRules) and reports warm-pool misconfigurations, each with what it means and the fix. Changes nothing."
        + " Finding ids: docs/cli.md.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing above info",
      "1:warnings (or a runtime failure: endpoint unreachable, AWS error; stderr says which)",
      "2:errors (or a bad command line; stderr says which)",
      "5:a group given with --group does not exist"
    })
public final class DoctorCommand implements Callable<Integer> {

  /** The exit code when a group named with {@code --group} does not exist. */
  static final int UNKNOWN_GROUP = ExitCodes.NOTHING_TO_GATE;

  /** {@code --group} as run and check name it; {@code --asg} is the same option under the name doctor was specified with. */
  @Option(names = {"--group", "--asg"}, paramLabel = "NAME", description = "A group to examine; repeatable.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--tag", paramLabel = "KEY", description = "Also examine the groups tagged KEY=true (e.g. warmgate:managed).")
  String tag;


  @Mixin AwsOptions aws;

  @Option(names = "--json", description = "Print the findings as one JSON object.")
  boolean json;

  @Option(names = "--no-color", description = "No ANSI colours (also NO_COLOR).")
  boolean noColor;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String tagKey = tag == null ? "" : tag.trim();
    if (groups.stream().allMatch(String::isBlank) && tagKey.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the groups to examine: --group NAME or --tag KEY");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AwsClients built = aws.clients();
    try (AwsClients clients = built;
        EventBridgeClient events = buildEvents(clients)) {
      List<String> names = new TaggedManagedGroups(clients.autoScaling(), groups, tagKey).list();
      EventRoutes routes = new EventBridgeRoutes(events).read();
      AutoScalingGroupSnapshots reader = new AutoScalingGroupSnapshots(clients.autoScaling(), clients.ec2(),
          tagKey.isEmpty() ? TaggedManagedGroups.DEFAULT_TAG : tagKey, new JacksonMetadataParser());
      Doctor doctor = Doctor.standard();
      List<GroupReport> reports = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String name : names) {
        Optional<GroupSnapshot> snapshot = reader.read(name, routes, Instant.now());
        if (snapshot.isEmpty()) {
          missing.add(name);
        } else {
          reports.add(doctor.examine(snapshot.get()));
        }
      }
      DoctorReport report = new DoctorReport(reports);
      if (json) {
        out.println(report.json());
        out.flush();
      } else {
        report.print(out, !noColor && System.getenv("NO_COLOR") == null && System.console() != null);
      }
      if (!missing.isEmpty()) {
        err.println("warmgate: error: no such Auto Scaling group: " + String.join(", ", missing));
        err.flush();
        return UNKNOWN_GROUP;
      }
      if (names.isEmpty()) {
        err.println("warmgate: no group is tagged " + tagKey + "=true: nothing examined");
        err.flush();
      }
      return exitCode(report.worst());
    } catch (GatePortException e) {
      throw new CliException("cannot read the groups: " + e.getMessage(), e);
    }
  }

  /** 0 when nothing is above info, 1 for warnings, 2 for errors. */
  static int exitCode(Optional<Severity> worst) {
    if (worst.isEmpty()) {
      return ExitCodes.OK;
    }
    return switch (worst.get()) {
      case ERROR -> 2;
      case WARNING -> 1;
      case INFO -> ExitCodes.OK;
    };
  }

  private EventBridgeClient buildEvents(AwsClients clients) {
    try {
      return clients.build(EventBridgeClient.builder(), "AWS_ENDPOINT_URL_EVENTBRIDGE");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
