package io.warmgate.emulator;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI against an emulator on loopback, with static test credentials, region
 * {@code us-east-1}, instance metadata disabled and a 60 s bound per call.
 */
final class AwsCli {
  private final URI endpoint;

  /** One call's outcome: the exit code and what it printed (stdout and stderr together). */
  record Result(int exitCode, String output) { }

  AwsCli(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Whether {@code aws} is on the PATH; tests that need it are skipped without it. */
  static boolean onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, "aws").canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code aws --endpoint-url ENDPOINT ARGS...}, signed with the access key {@code test}. */
  Result run(String... args) throws IOException, InterruptedException {
    return runAs("test", args);
  }

  /** Like {@link #run}, signing with {@code accessKeyId}. */
  Result runAs(String accessKeyId, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("--endpoint-url", endpoint.toString()));
    command.addAll(List.of(args));
    return run(false, command, accessKeyId);
  }

  /** Runs {@code aws ARGS...}, with the endpoint in {@code AWS_ENDPOINT_URL} if {@code endpointFromEnv}. */
  Result run(boolean endpointFromEnv, List<String> args, String accessKeyId)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws", "--output", "json"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (endpointFromEnv) {
      pb.environment().put("AWS_ENDPOINT_URL", endpoint.toString());
    } else {
      pb.environment().remove("AWS_ENDPOINT_URL");
    }
    pb.environment().put("AWS_ACCESS_KEY_ID", accessKeyId);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().put("AWS_EMF_ENVIRONMENT", "Local");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().remove("AWS_PROFILE");
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", command) + " timed out");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
