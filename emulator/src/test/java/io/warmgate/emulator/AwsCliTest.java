package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real AWS CLI against the emulator (skipped when {@code aws} is not on PATH). */
class AwsCliTest {
  private static WarmPoolEmulator emulator;
  private static String banner;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    Path policy = Files.writeString(dir.resolve("gate-policy.json"), IamEnforcementTest.GATE_POLICY);
    emulator = WarmPoolEmulator.builder().port(0).speed(600).defaultBootProfile("instant")
        .iamPolicy("AKIAGATE=" + policy).start();
    banner = emulator.cliHint();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static boolean awsOnPath() {
    return AwsCli.onPath();
  }

  /** Runs the AWS CLI with --endpoint-url and a bounded timeout; returns exit code and output. */
  private static Map.Entry<Integer, String> aws(String... args) throws IOException, InterruptedException {
    return awsAs("test", args);
  }

  /** Like {@link #aws}, signing with {@code accessKeyId}. */
  private static Map.Entry<Integer, String> awsAs(String accessKeyId, String... args)
      throws IOException, InterruptedException {
    AwsCli.Result r = new AwsCli(emulator.endpoint()).runAs(accessKeyId, args);
    return Map.entry(r.exitCode(), r.output());
  }

  private static Map.Entry<Integer, String> run(boolean endpointFromEnv, List<String> args)
      throws IOException, InterruptedException {
    AwsCli.Result r = new AwsCli(emulator.endpoint()).run(endpointFromEnv, args, "test");
    return Map.entry(r.exitCode(), r.output());
  }

  @Test
  void theHintSaysWhereToPointTheCli() {
    assertThat(banner).contains("AWS_ENDPOINT_URL=" + emulator.endpoint(), "AWS_DEFAULT_REGION=us-east-1");
  }

  @Test
  void theAwsCliCreatesAScenarioAndReadsItBack() throws Exception {
    assumeTrue(awsOnPath(), "aws CLI not on PATH: skipping the AWS CLI test");
    var lt = aws("ec2", "create-launch-template", "--launch-template-name", "cli",
        "--launch-template-data", "{\"ImageId\":\"ami-0abcdef1234567890\",\"InstanceType\":\"t3.micro\"}");
    assertThat(lt.getKey()).as(lt.getValue()).isZero();
    assertThat(lt.getValue()).contains("\"LaunchTemplateName\": \"cli\"");

    var group = aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "cli",
        "--launch-template", "LaunchTemplateName=cli", "--min-size", "0", "--max-size", "2", "--desired-capacity", "0");
    assertThat(group.getKey()).as(group.getValue()).isZero();
    var hook = aws("autoscaling", "put-lifecycle-hook", "--auto-scaling-group-name", "cli", "--lifecycle-hook-name",
        "ready", "--lifecycle-transition", "autoscaling:EC2_INSTANCE_LAUNCHING", "--heartbeat-timeout", "7200");
    assertThat(hook.getKey()).as(hook.getValue()).isZero();
    var pool = aws("autoscaling", "put-warm-pool", "--auto-scaling-group-name", "cli", "--min-size", "1",
        "--pool-state", "Stopped");
    assertThat(pool.getKey()).as(pool.getValue()).isZero();

    var groups = aws("autoscaling", "describe-auto-scaling-groups");
    assertThat(groups.getKey()).as(groups.getValue()).isZero();
    assertThat(groups.getValue()).contains("\"AutoScalingGroupName\": \"cli\"", "\"WarmPoolConfiguration\"");
    var warm = aws("autoscaling", "describe-warm-pool", "--auto-scaling-group-name", "cli");
    assertThat(warm.getValue()).contains("Warmed:Pending:Wait");
    var instances = aws("ec2", "describe-instances", "--filters", "Name=tag:aws:autoscaling:groupName,Values=cli");
    assertThat(instances.getKey()).as(instances.getValue()).isZero();
    assertThat(instances.getValue()).contains("\"PrivateIpAddress\": \"127.");

    var viaEnv = run(true, List.of("ec2", "describe-launch-templates"));
    if (viaEnv.getKey() == 0) {
      assertThat(viaEnv.getValue()).contains("\"LaunchTemplateName\": \"cli\"");
    } else {
      // AWS_ENDPOINT_URL needs AWS CLI >= 1.29 / 2.13; older ones fail without reaching anything local.
      System.out.println("AWS_ENDPOINT_URL not supported by this aws CLI: " + viaEnv.getValue());
    }

    var bad = aws("autoscaling", "complete-lifecycle-action", "--auto-scaling-group-name", "cli",
        "--lifecycle-hook-name", "ready", "--lifecycle-action-result", "CONTINUE", "--instance-id", "i-0123456789abcdef0");
    assertThat(bad.getKey()).isNotZero();
    assertThat(bad.getValue()).contains("ValidationError", "No active Lifecycle Action found with instance ID i-0123456789abcdef0");
  }

  @Test
  void theAwsCliReportsTheEmulatorsDenialsAsItReportsAwss() throws Exception {
    assumeTrue(awsOnPath(), "aws CLI not on PATH: skipping the AWS CLI test");

    var tags = awsAs("AKIAGATE", "autoscaling", "describe-tags");
    var status = awsAs("AKIAGATE", "ec2", "describe-instance-status");

    assertThat(tags.getKey()).isNotZero();
    assertThat(tags.getValue()).contains("An error occurred (AccessDenied) when calling the DescribeTags operation: "
        + "User: arn:aws:sts::123456789012:assumed-role/AKIAGATE/warmgate-emulator is not authorized to perform: "
        + "autoscaling:DescribeTags because no identity-based policy allows the autoscaling:DescribeTags action");
    assertThat(status.getKey()).isNotZero();
    assertThat(status.getValue()).contains("An error occurred (UnauthorizedOperation) when calling the "
        + "DescribeInstanceStatus operation: You are not authorized to perform this operation.");
  }
}
