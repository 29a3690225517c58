package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** {@code warmgate doctor} against the emulator: the incident's configuration, the seed's fix, and bad input. */
class DoctorCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmulatedAws aws;
  private WarmPoolEmulator emulator;
  private AutoScalingClient autoScaling;
  private Ec2Client ec2;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    if (aws != null) {
      aws.close();
    }
  }

  /** An emulator whose Windows instances take {@code setup} for their first-boot setup, and clients for it. */
  private void start(double speed, Duration setup) {
    start(WarmPoolEmulator.builder().speed(speed), setup);
  }

  private void start(WarmPoolEmulatorBuilder builder, Duration setup) {
    aws = EmulatedAws.start(builder.seed(7).healthPort(18083)
        .bootProfile(BootProfile.windows().withFirstBootSetup(Distribution.fixed(setup), Duration.ofSeconds(20))));
    emulator = aws.emulator;
    // Sets scenarios up as "admin"; doctor signs with the environment's key ("test" in the build).
    autoScaling = aws.own(LoopbackClients.autoScaling(aws.endpoint(), "admin"));
    ec2 = aws.own(LoopbackClients.ec2(aws.endpoint(), "admin"));
  }

  /** A group of 1 with MaxSize 4, a Windows launch template and a warm pool in state Stopped. */
  private void windowsGroupWithStoppedPool(String name, LifecycleHookSpecification... hooks) {
    String lt = ec2.createLaunchTemplate(r -> r.launchTemplateName(name + "-template")
            .launchTemplateData(d -> d.imageId("ami-12345678").instanceType("m5.large"))
            .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                Tag.builder().key(BootProfile.TAG).value("windows").build())))
        .launchTemplate().launchTemplateId();
    autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(1).maxSize(4)
        .desiredCapacity(1).launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"))
        .lifecycleHookSpecificationList(hooks));
    autoScaling.putWarmPool(r -> r.autoScalingGroupName(name).poolState(WarmPoolState.STOPPED));
  }

  private void awaitPoolStopped(String name, int size) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      var pool = autoScaling.describeWarmPool(r -> r.autoScalingGroupName(name)).instances();
      return pool.size() == size && pool.stream().allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_STOPPED);
    });
  }

  private int doctor(String... extra) {
    List<String> args = new ArrayList<>(List.of("doctor", "--endpoint-url", emulator.endpoint().toString(),
        "--region", "us-east-1"));
    args.addAll(List.of(extra));
    String[] argv = args.toArray(String[]::new);
    CommandLine cmd = Main.commandLine(argv);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(argv);
  }

  private static List<JsonNode> findings(String json, String group) throws Exception {
    JsonNode root = JSON.readTree(json);
    for (JsonNode g : root.path("groups")) {
      if (g.path("group").asText().equals(group)) {
        return StreamSupport.stream(g.path("findings").spliterator(), false).toList();
      }
    }
    throw new AssertionError("no group " + group + " in " + json);
  }

  @Test
  void theIncidentsConfigurationIsAnErrorAndExitsTwo() {
    start(60, Duration.ofMinutes(12));
    windowsGroupWithStoppedPool("incident");
    awaitPoolStopped("incident", 3);

    int code = doctor("--group", "incident");

    assertThat(code).as(out + "\n" + err).isEqualTo(2);
    assertThat(out.toString()).contains("group incident: 1 error", "ERROR   warm-pool-without-launching-hook:",
        "warm pool in state Stopped and no launching lifecycle hook", "fix: aws autoscaling put-lifecycle-hook");
    assertThat(out.toString()).doesNotContain("\u001b[");
  }

  @Test
  void theSeedsFixYieldsTheContinueAndHeartbeatWarningsWithTheNumbers() throws Exception {
    // 20-minute first boots against a 960 s hook: every launch runs into the timeout and is continued.
    start(600, Duration.ofMinutes(20));
    windowsGroupWithStoppedPool("seedfix", LifecycleHookSpecification.builder().lifecycleHookName("ready")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(960).defaultResult("CONTINUE")
        .build());
    awaitPoolStopped("seedfix", 3);
    await().atMost(Duration.ofSeconds(60)).until(() -> autoScaling
        .describeScalingActivities(r -> r.autoScalingGroupName("seedfix")).activities().stream()
        .filter(a -> a.description().startsWith("Launching")).allMatch(a -> a.endTime() != null));

    int code = doctor("--group", "seedfix", "--json");

    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    List<JsonNode> findings = findings(out.toString(), "seedfix");
    assertThat(findings).extracting(f -> f.path("id").asText())
        .contains("launching-hook-continues-on-timeout", "heartbeat-timeout-shorter-than-boot")
        .doesNotContain("warm-pool-without-launching-hook");
    assertThat(findings).allMatch(f -> f.path("severity").asText().equals("warning"));
    JsonNode heartbeat = findings.stream()
        .filter(f -> f.path("id").asText().equals("heartbeat-timeout-shorter-than-boot")).findFirst().orElseThrow();
    long launches = autoScaling.describeScalingActivities(r -> r.autoScalingGroupName("seedfix"))
        .activities().stream().map(Activity::description).filter(d -> d.startsWith("Launching")).count();
    assertThat(heartbeat.path("detail").asText()).contains("heartbeat timeout 960 s (16m)",
        launches + " of " + launches + " launches in the activity history took at least that long");
    assertThat(heartbeat.path("fix").asText()).contains("--heartbeat-timeout");
    JsonNode onTimeout = findings.stream()
        .filter(f -> f.path("id").asText().equals("launching-hook-continues-on-timeout")).findFirst().orElseThrow();
    assertThat(onTimeout.path("summary").asText()).isEqualTo("launching hook ready has default result CONTINUE");
    assertThat(onTimeout.path("fix").asText()).contains("--default-result ABANDON");
  }

  @Test
  void aDeniedListRulesIsReportedAsNotCheckedAndDoesNotFail(@TempDir Path dir) throws Exception {
    String doctorKey = System.getenv("AWS_ACCESS_KEY_ID");
    Path policy = Files.writeString(dir.resolve("doctor-without-events.json"), """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":[
          "autoscaling:Describe*","ec2:DescribeInstances"]}]}""");
    start(WarmPoolEmulator.builder().speed(60).iamPolicy(doctorKey + "=" + policy), Duration.ofMinutes(12));
    windowsGroupWithStoppedPool("denied", LifecycleHookSpecification.builder().lifecycleHookName("ready")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300).defaultResult("ABANDON")
        .build());

    // --asg, the old name of --group, still works.
    int code = doctor("--asg", "denied", "--json");

    assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
    List<JsonNode> findings = findings(out.toString(), "denied");
    assertThat(findings).extracting(f -> f.path("id").asText()).containsExactly("event-route-not-checked")
        .doesNotContain("no-event-route");
    assertThat(findings.get(0).path("severity").asText()).isEqualTo("info");
    assertThat(findings.get(0).path("detail").asText()).contains("AccessDeniedException",
        "not authorized to perform: events:ListRules");
  }

  @Test
  void anUnknownGroupIsReportedAndExitsFive() {
    start(60, Duration.ofMinutes(12));

    int code = doctor("--group", "nope");

    assertThat(code).isEqualTo(DoctorCommand.UNKNOWN_GROUP).isEqualTo(5);
    assertThat(err.toString()).contains("no such Auto Scaling group: nope");
  }

  @Test
  void groupsTaggedWithTheKeyAreExamined() throws Exception {
    start(60, Duration.ofMinutes(12));
    windowsGroupWithStoppedPool("tagged");
    autoScaling.createOrUpdateTags(r -> r.tags(software.amazon.awssdk.services.autoscaling.model.Tag
        .builder().resourceId("tagged").resourceType("auto-scaling-group").key("team:doctor").value("true")
        .propagateAtLaunch(false).build()));

    int code = doctor("--tag", "team:doctor", "--json");

    assertThat(code).isEqualTo(2);
    assertThat(findings(out.toString(), "tagged")).extracting(f -> f.path("id").asText())
        .contains("warm-pool-without-launching-hook");
  }

  @Test
  void withoutGroupsOrTagItIsAUsageError() {
    start(60, Duration.ofMinutes(12));

    int code = doctor();

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--group NAME or --tag KEY");
  }

  @Test
  void theGroupOptionIsCalledGroupAsInRunAndCheckAndAlsoAsg() {
    CommandLine root = Main.commandLine();
    CommandLine doctor = root.getSubcommands().get("doctor");

    assertThat(doctor.getUsageMessage()).contains("--asg, --group=NAME");
    root.parseArgs("doctor", "--asg", "web", "--group", "api");
    assertThat(((DoctorCommand) doctor.getCommand()).groups).containsExactly("web", "api");
  }

  @Test
  void anUnreachableEndpointIsARuntimeFailure() {
    String[] argv = {"doctor", "--group", "web", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"};
    CommandLine cmd = Main.commandLine(argv);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));

    int code = cmd.execute(argv);

    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("warmgate: error: cannot read the groups");
    assertThat(out.toString()).isEmpty();
  }
}
