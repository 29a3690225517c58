package io.warmgate.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.cdk.WarmGateApps;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.lambda.InvocationRecord;
import io.warmgate.emulator.lambda.InvocationResult;
import io.warmgate.emulator.lambda.LambdaHost;
import io.warmgate.emulator.stack.StackReplay;
import io.warmgate.emulator.stack.StackTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A synthesized app replayed as it ships: the template from {@code cdk.out}, its function's asset jar run by the
 * emulator's Lambda host through the Runtime API, its rules delivering the emulator's events and its sweep firing
 * on real time. The emulator runs at 1x with {@link #CI_WINDOWS}, so a first boot takes seconds and the gate's
 * own settle times (the template's) dominate. Set up with an unsigned (admin) client.
 */
final class ShippedStack implements AutoCloseable {

  /** Real time allowed for a phase: the template's one-minute settle into the pool, a boot, a sweep, and slack. */
  static final Duration PHASE_TIMEOUT = Duration.ofSeconds(240);
  /** The AMI given for the template's SSM image parameter, which the replay cannot look up. */
  static final String IMAGE_ID = "ami-0abcdef1234567890";

  /**
   * Windows with a first-boot setup of 8 to 12 s: a stop before the setup ends (and 5 s after) still corrupts
   * the instance, as the long profile does, in a time CI can wait for.
   */
  static final BootProfile CI_WINDOWS = new BootProfile("windows-ci", true,
      Distribution.uniform(Duration.ofSeconds(2), Duration.ofSeconds(3)),
      Distribution.uniform(Duration.ofSeconds(3), Duration.ofSeconds(5)),
      Distribution.uniform(Duration.ofSeconds(8), Duration.ofSeconds(12)), Duration.ofSeconds(5),
      Distribution.uniform(Duration.ofSeconds(2), Duration.ofSeconds(4)), Duration.ofSeconds(3), Duration.ofSeconds(3));

  private static final ObjectMapper JSON = new ObjectMapper();

  final StackReplay replay;
  final WarmPoolEmulator emulator;
  final LambdaHost host;
  final AwsClients admin;
  final List<String> unsettled = new CopyOnWriteArrayList<>();

  private ShippedStack(StackReplay replay) {
    this.replay = replay;
    this.emulator = replay.emulator();
    this.host = replay.host();
    this.admin = AwsClients.builder().endpoint(emulator.endpoint()).region(Region.of(StackReplay.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("admin", "admin")))
        .build();
  }

  /**
   * Synthesizes nothing: replays the template an app wrote to {@code cdk.out} (see {@link Templates}) with its
   * asset, the exact bytes {@code cdk deploy} would upload.
   */
  static ShippedStack replay(String appName, String stackId, long seed) {
    Path dir = WarmGateApps.outdir(appName);
    Path template = dir.resolve(stackId + ".template.json");
    Map<String, String> parameters = new LinkedHashMap<>();
    try {
      JsonNode declared = JSON.readTree(template.toFile()).path("Parameters");
      declared.fields().forEachRemaining(p -> {
        if (p.getValue().path("Type").asText().contains("AWS::EC2::Image::Id")) {
          parameters.put(p.getKey(), IMAGE_ID);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return replay(StackReplay.builder(template), appName, parameters, seed);
  }

  /**
   * Replays a template already read, with its function's code in {@code assetsDir} as an assets manifest there
   * names it (see {@link StackReplay#builder(StackTemplate, Path)}).
   */
  static ShippedStack replay(StackTemplate template, Path assetsDir, String name, long seed) {
    return replay(StackReplay.builder(template, assetsDir), name, Map.of(), seed);
  }

  private static ShippedStack replay(StackReplay.StackReplayBuilder builder, String name, Map<String, String> parameters,
      long seed) {
    try {
      Path work = workDir(name, seed);
      StackReplay replay = builder.parameters(parameters).workDir(work)
          .emulator(WarmPoolEmulator.builder().seed(seed).bootProfile(CI_WINDOWS))
          .bootProfile(CI_WINDOWS.name())
          .standInGroup(3, 2)
          .out(line -> System.out.println("[e2e] " + name + ": " + line))
          .start();
      return new ShippedStack(replay);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh folder for a run's logs, {@code target/shipped/<name>-<seed>}: the scenario reads them for failures. */
  static Path workDir(String name, long seed) throws IOException {
    Path work = Path.of("target", "shipped", name + "-" + seed).toAbsolutePath();
    if (Files.exists(work)) {
      try (var old = Files.walk(work)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(work);
    return work;
  }

  /**
   * Waits until {@code desired} instances are in service, {@code pooled} are warmed and stopped, and no
   * lifecycle action waits; stops early once the function reports a FAILED outcome or an invocation fails
   * (the run is then known to fail). A phase that does not settle is recorded in {@link #unsettled}.
   */
  boolean awaitSettled(String group, int desired, int pooled) {
    try {
      await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(500))
          .until(() -> !failures().isEmpty() || SeedIncident.settled(emulator, group, desired, pooled));
      if (failures().isEmpty()) {
        return true;
      }
      unsettled.add("stopped waiting for " + desired + " in service and " + pooled + " pooled: the function failed");
      return false;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      unsettled.add("after " + PHASE_TIMEOUT.toSeconds() + " s real, not " + desired + " in service and " + pooled
          + " in the pool with no action waiting: " + emulator.instances().stream()
              .filter(i -> group.equals(i.groupName())).map(i -> i.instanceId() + "=" + i.lifecycleState()).toList());
      return false;
    }
  }

  /**
   * What went wrong in the function, as Lambda and its logs would show it: failed invocations, FAILED
   * outcomes, handler failures and error summaries in the responses.
   */
  List<String> failures() {
    List<String> out = new ArrayList<>();
    for (InvocationRecord r : host.invocations()) {
      if (r.result().failed()) {
        out.add(r.requestId() + ": " + r.result().describe());
      } else if (((InvocationResult.Succeeded) r.result()).payload().contains("\"kind\":\"error\"")) {
        out.add(r.requestId() + ": " + ((InvocationResult.Succeeded) r.result()).payload());
      }
    }
    for (Path log : host.logFiles()) {
      try {
        for (String line : Files.readAllLines(log)) {
          if (line.contains("\"outcome\":\"FAILED\"") || line.contains("\"event\":\"handlerFailed\"")
              || line.contains("NoClassDefFoundError")) {
            out.add(log.getFileName() + ": " + (line.length() > 600 ? line.substring(0, 600) + "..." : line));
          }
        }
      } catch (IOException e) {
        out.add(log + ": unreadable: " + e);
      }
    }
    return out;
  }

  /** The instances of the group. */
  List<InstanceSnapshot> instances(String group) {
    return emulator.instances().stream().filter(i -> group.equals(i.groupName())).toList();
  }

  /** Prints what the run cost: a figure for the notes, not an assertion. */
  void report(String scenario, String group, long realMillis) {
    List<InvocationRecord> records = host.invocations();
    double gbSeconds = records.stream().mapToDouble(InvocationRecord::gbSeconds).sum();
    long gated = instances(group).size();
    System.out.printf("[e2e] %s: %d instances, %d invocations (%d cold), %.2f billed GB-s (%.3f per instance gated),"
            + " peak %d concurrent environments, %d events delivered, %d scheduled, %d dead letters, %d ms real%n",
        scenario, gated, records.size(), records.stream().filter(InvocationRecord::coldStart).count(), gbSeconds,
        gated == 0 ? 0 : gbSeconds / gated, host.peakConcurrentEnvironments(), replay.delivered(), replay.scheduled(),
        host.deadLetters().size(), realMillis);
    records.stream().filter(InvocationRecord::coldStart).forEach(r -> System.out.printf(
        "[e2e] %s: cold start env %d, process start to response %d ms%n", scenario, r.environment(),
        r.processToResponse().toMillis()));
  }

  @Override
  public void close() {
    admin.close();
    replay.close();
  }
}
