package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.warmgate.aws.config.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EmulatorCommandTest {

  @Test
  void servesTheAutoScalingApiAndPrintsHowToReachIt() throws Exception {
    StringWriter out = new StringWriter();
    String[] args = {"emulator", "--port", "0", "--duration", "5s", "--speed", "10"};
    CommandLine cmd = Main.commandLine(args);
    cmd.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute(args));

    await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("AWS_ENDPOINT_URL="));
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
    assertThat(m.find()).isTrue();
    URI endpoint = URI.create(m.group(1));

    try (AwsClients clients = AwsClients.builder().endpoint(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      assertThat(clients.autoScaling().describeAutoScalingGroups().autoScalingGroups()).isEmpty();
    }
    assertThat(out.toString()).contains("aws autoscaling describe-auto-scaling-groups");
    assertThat(exit.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aBadFaultRateIsAUsageError() {
    StringWriter err = new StringWriter();
    String[] args = {"emulator", "--port", "0", "--drop-events", "1.5"};
    CommandLine cmd = Main.commandLine(args);
    cmd.setErr(new PrintWriter(err, true));

    assertThat(cmd.execute(args)).isEqualTo(ExitCodes.USAGE);
    // Regression: the message named the emulator's field (eventDropRate), not the flag the user typed.
    assertThat(err.toString()).contains("--drop-events must be a fraction from 0 to 1, got 1.5").doesNotContain("eventDropRate");
  }

  @Test
  void aMalformedIamPolicyFileIsAOneLineUsageErrorNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("gate.json"),
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"autoscaling:Describe*\",\"Resource\":7}}");
    StringWriter err = new StringWriter();
    String[] args = {"emulator", "--port", "0", "--iam-policy", "AKIAGATE=" + policy};
    CommandLine cmd = Main.commandLine(args);
    cmd.setErr(new PrintWriter(err, true));

    assertThat(cmd.execute(args)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().lines().findFirst().orElse(""))
        .contains(policy + ": Statement.Resource must be a string or a non-empty list of strings, got 7");
  }

  @Test
  void aStackOnlyReplaysOnRealTime(@TempDir Path dir) throws Exception {
    Path template = Files.writeString(dir.resolve("S.template.json"), "{\"Resources\": {}}");
    StringWriter err = new StringWriter();
    String[] args = {"emulator", "--port", "0", "--speed", "10", "--stack", template.toString()};
    CommandLine cmd = Main.commandLine(args);
    cmd.setErr(new PrintWriter(err, true));

    assertThat(cmd.execute(args)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--stack runs the function on real time: --speed must be 1");
  }

  @Test
  void aStackWithAnUnresolvableIntrinsicFailsNamingIt(@TempDir Path dir) throws Exception {
    Path template = Files.writeString(dir.resolve("S.template.json"), """
        {"Resources": {"Lt": {"Type": "AWS::EC2::LaunchTemplate",
          "Properties": {"LaunchTemplateData": {"ImageId": {"Fn::ImportValue": "shared-ami"}}}}}}""");
    StringWriter err = new StringWriter();
    String[] args = {"emulator", "--port", "0", "--stack", template.toString(), "--work-dir", dir.resolve("w").toString()};
    CommandLine cmd = Main.commandLine(args);
    cmd.setErr(new PrintWriter(err, true));

    assertThat(cmd.execute(args)).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("cannot replay").contains("Fn::ImportValue");
  }
}
