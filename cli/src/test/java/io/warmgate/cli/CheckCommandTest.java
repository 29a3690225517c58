package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.testing.EmulatedAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

class CheckCommandTest {

  private EmulatedAws aws;
  private WarmPoolEmulator emulator;
  private AutoScalingClient autoScaling;
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void start() {
    // Real time: check reads the system clock, and the instant profile is healthy within seconds.
    aws = EmulatedAws.start(WarmPoolEmulator.builder().speed(1).seed(3).healthPort(18082));
    emulator = aws.emulator;
    autoScaling = aws.autoScaling();
    aws.group("web").maxSize(1).launchingHook("ready", "{\"warmgate\":{\"http\":{\"port\":18082,\"path\":\"/health\"}}}")
        .heartbeatSeconds(300).warmPool(1).create();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private int check(String... extra) {
    return checkGroup("web", extra);
  }

  private int checkGroup(String group, String... extra) {
    String[] args = new String[6 + extra.length];
    String[] base = {"check", "--group", group, "--endpoint-url", emulator.endpoint().toString(), "--region"};
    System.arraycopy(base, 0, args, 0, 6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    CommandLine cmd = Main.commandLine(args);
    cmd.setOut(new PrintWriter(out, true));
    return cmd.execute(args);
  }

  @Test
  void aHealthyWaitingInstancePassesAndTheGateWouldWaitForMorePasses() {
    await().atMost(Duration.ofSeconds(30)).until(() -> emulator.instances().stream().anyMatch(i -> i.healthy()));
    String id = emulator.instances().get(0).instanceId();

    int code = check("us-east-1", "--instance", id);

    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("PASS", "phase ENTERING_WARM_POOL", "decision:  Wait: 1 of 3 consecutive passes",
        "gate:      would wait: this round passed, but it continues only after 3 passing rounds in a row and a settle of 30s");
  }

  @Test
  void anInstanceOfAnotherGroupSaysSoInsteadOfBlamingTheHooks() {
    // Regression: check --asg nosuch said "no launching hook on group nosuch", never that the instance is elsewhere.
    await().atMost(Duration.ofSeconds(30)).until(() -> !emulator.instances().isEmpty());
    String id = emulator.instances().get(0).instanceId();

    int code = checkGroup("nosuch", "us-east-1", "--instance", id);

    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(out.toString()).contains("instance " + id + " is in group web, not in nosuch").doesNotContain("probe:");
  }

  @Test
  void aLaunchingHookTheGateWouldNotGateIsNotChecked() {
    // Regression: with several launching hooks check took the first one, which the sweeper skips unless
    // its metadata mentions warmgate; check must judge the hook the gate would gate.
    autoScaling.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("other-team")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300).defaultResult("CONTINUE"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !emulator.instances().isEmpty());
    String id = emulator.instances().get(0).instanceId();

    int named = check("us-east-1", "--instance", id, "--hook", "other-team");

    assertThat(named).as(out.toString()).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(out.toString()).contains("the gate does not gate hook other-team").doesNotContain("probe:");
  }

  @Test
  void theOldAsgNameStillWorksButIsNotInTheHelp() {
    String[] args = {"check", "--asg", "web", "--instance", "i-0", "--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1"};
    CommandLine cmd = Main.commandLine(args);
    cmd.setOut(new PrintWriter(out, true));
    int code = cmd.execute(args);

    assertThat(code).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(Main.commandLine().getSubcommands().get("check").getUsageMessage()).contains("--group").doesNotContain("--asg");
  }

  @Test
  void anUnknownInstanceIsNothingToGate() {
    int code = check("us-east-1", "--instance", "i-0123456789abcdef0");

    assertThat(code).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(out.toString()).contains("not found");
  }

  @Test
  void anInstanceThatIsNoLongerWaitingIsNotProbed() {
    // Regression: check probed the instance first and only then found it was not the gate's business
    // (the gate itself never probes an instance that is not waiting in the action's group).
    await().atMost(Duration.ofSeconds(30)).until(() -> emulator.instances().stream().anyMatch(i -> i.healthy()));
    String id = emulator.instances().get(0).instanceId();
    autoScaling.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("ready")
        .instanceId(id).lifecycleActionResult("CONTINUE"));
    await().atMost(Duration.ofSeconds(30)).until(() -> autoScaling
        .describeWarmPool(r -> r.autoScalingGroupName("web")).instances().stream()
        .anyMatch(i -> i.instanceId().equals(id) && !i.lifecycleStateAsString().endsWith(":Wait")));

    int code = check("us-east-1", "--instance", id);

    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(out.toString()).contains("not waiting").doesNotContain("probe:");
  }

  @Test
  void aTerminatingHookNamedWithHookIsNothingToGate() {
    // Regression: --hook accepted a terminating hook and check probed and decided as if it were the gate's.
    autoScaling.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(300).defaultResult("CONTINUE"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !emulator.instances().isEmpty());
    String id = emulator.instances().get(0).instanceId();

    int code = check("us-east-1", "--instance", id, "--hook", "drain");

    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(out.toString()).contains("terminating hook").doesNotContain("probe:");
  }

  @Test
  void aProbeSlowerThanTheProbeTimeoutFailsAsItWouldInTheGate() throws Exception {
    // Regression: check waited for a probe's own (longer) timeouts instead of capping it by probeTimeout,
    // so it could report a pass, or a different failure, where the gate fails the round.
    await().atMost(Duration.ofSeconds(30)).until(() -> emulator.instances().stream().anyMatch(i -> i.healthy()));
    var instance = emulator.instances().get(0);
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName(instance.privateIp()))) {
      autoScaling.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("ready")
          .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300).defaultResult("ABANDON")
          .notificationMetadata("{\"warmgate\":{\"http\":{\"port\":" + silent.getLocalPort()
              + ",\"readTimeout\":\"20s\"},\"probeTimeout\":\"500ms\"}}"));

      int code = check("us-east-1", "--instance", instance.instanceId());

      assertThat(code).as(out.toString()).isEqualTo(ExitCodes.UNEXPECTED_OR_WAIT);
      assertThat(out.toString()).contains("FAIL", "timeout after 500ms (probeTimeout)");
    }
  }
}
