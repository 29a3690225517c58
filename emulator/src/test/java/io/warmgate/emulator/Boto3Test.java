package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** boto3 against the emulator, unchanged (skipped when python3 with boto3 is not installed). */
class Boto3Test {
  private static boolean boto3Available() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void boto3CreatesAScenarioAndSeesAwsShapedAnswersAndErrors() throws Exception {
    assumeTrue(boto3Available(), "python3 with boto3 not available: skipping the boto3 test");
    Path script = Files.createTempFile("boto3_scenario", ".py");
    try (var in = Boto3Test.class.getResourceAsStream("/boto3_scenario.py");
        WarmPoolEmulator emulator = WarmPoolEmulator.builder().speed(600).start()) {
      Files.write(script, in.readAllBytes());
      ProcessBuilder pb = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true);
      pb.environment().put("AWS_ENDPOINT_URL_TEST", emulator.endpoint().toString());
      pb.environment().put("AWS_ACCESS_KEY_ID", "test");
      pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
      pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
      pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
      pb.environment().remove("AWS_PROFILE");
      pb.environment().remove("AWS_ENDPOINT_URL");
      Process p = pb.start();
      boolean done = p.waitFor(90, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(done).as("boto3 script finished").isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("OK");
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
