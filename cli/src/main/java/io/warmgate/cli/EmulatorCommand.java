package io.warmgate.cli;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import io.warmgate.emulator.stack.StackReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warmgate emulator}: runs the warm-pool emulator standalone until stopped. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Runs the local Auto Scaling + EC2 emulator on a loopback port.",
    description = {
      "Runs the local Auto Scaling + EC2 emulator (warm pools, lifecycle hooks, simulated instances with health"
          + " endpoints on 127.x.y.z) on a loopback port until Ctrl-C or SIGTERM, and prints how to point the AWS"
          + " CLI at it.",
      "Boot profiles: linux, windows (long first-boot setup, corrupted if stopped during it), instant; a launch"
          + " template picks one with the tag " + BootProfile.TAG + ".",
      "With --stack, replays a synthesized CloudFormation template (cdk.out/STACK.template.json) on real time: its"
          + " launch templates, groups, warm pools, hooks and rules are created in dependency order, and the function"
          + " its rules invoke runs from the template's asset jar in the Lambda host (its own JVMs, Lambda's Runtime"
          + " API, the template's handler, memory, timeout, environment and role policy). What the emulator does not"
          + " model is listed, one line each."
    })
public final class EmulatorCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "4566", description = "API port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "X", description = "Simulated seconds per real second. Default: ${DEFAULT-VALUE}.")
  double speed;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--region", defaultValue = "us-east-1", description = "Region named in ARNs and events. Default: ${DEFAULT-VALUE}.")
  String region;

  @Option(names = "--health-port", defaultValue = "8080", paramLabel = "PORT", description = "Default health endpoint port of instances. Default: ${DEFAULT-VALUE}.")
  int healthPort;

  @Option(names = "--boot-profile", defaultValue = "linux", paramLabel = "NAME", description = "Profile for launch templates that name none: linux, windows, instant. Default: ${DEFAULT-VALUE}.")
  String bootProfile;

  @Option(names = "--windows-setup-median", paramLabel = "DURATION", converter = DurationConverter.class, description = "Median first-boot setup of the windows profile (default: the emulator's, 9m).")
  Duration windowsSetupMedian;

  @Option(names = "--windows-setup-sigma", defaultValue = "0.45", paramLabel = "S", description = "Log-normal tail of that setup, with --windows-setup-median. Default: ${DEFAULT-VALUE}.")
  double windowsSetupSigma;

  @Option(names = "--event-target", paramLabel = "URL", converter = HttpUrlConverter.class, description = "POST every lifecycle event (EventBridge JSON) to this URL; repeatable.")
  List<URI> eventTargets = new ArrayList<>();

  @Option(names = "--drop-events", defaultValue = "0", paramLabel = "RATE", description = "Fraction of lifecycle events lost (0..1). Default: ${DEFAULT-VALUE}.")
  double dropEvents;

  @Option(names = "--duplicate-events", defaultValue = "0", paramLabel = "RATE", description = "Fraction of events delivered twice (0..1). Default: ${DEFAULT-VALUE}.")
  double duplicateEvents;

  @Option(names = "--throttle", defaultValue = "0", paramLabel = "RATE", description = "Fraction of API calls throttled (0..1). Default: ${DEFAULT-VALUE}.")
  double throttle;

  @Option(names = "--server-errors", defaultValue = "0", paramLabel = "RATE", description = "Fraction of API calls failed with HTTP 500 (0..1). Default: ${DEFAULT-VALUE}.")
  double serverErrors;

  @Option(names = "--latency", defaultValue = "0s", paramLabel = "DURATION", converter = DurationConverter.class, description = "Real delay added to every API call. Default: ${DEFAULT-VALUE}.")
  Duration latency;

  @Option(names = "--iam-policy", paramLabel = "ACCESS_KEY_ID=FILE", description = "Hold requests signed with this access key to the IAM policy document in FILE (AccessDenied / UnauthorizedOperation otherwise); other keys stay unrestricted. Repeatable.")
  List<String> iamPolicies = new ArrayList<>();

  @Option(names = "--stack", paramLabel = "TEMPLATE", description = "Replay this synthesized template (its assets beside it, as cdk synth writes them); needs --speed 1.")
  Path stack;

  @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "With --stack: a value for a template parameter (required for SSM-typed ones, e.g. the AMI); repeatable.")
  List<String> parameters = new ArrayList<>();

  @Option(names = "--work-dir", paramLabel = "DIR", description = "With --stack: where the function's code is unpacked and its logs are kept (default: a new temporary directory).")
  Path workDir;

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, description = "Stop by itself after this real time (default: run until stopped).")
  Duration duration;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    // Checked here so that the message names the flag, not the emulator's field (eventDropRate).
    rate("--drop-events", dropEvents);
    rate("--duplicate-events", duplicateEvents);
    rate("--throttle", throttle);
    rate("--server-errors", serverErrors);
    WarmPoolEmulatorBuilder builder;
    try {
      EmulatorFaults faults = EmulatorFaults.NONE.withEventDropRate(dropEvents).withEventDuplicateRate(duplicateEvents)
          .withThrottleRate(throttle).withServerErrorRate(serverErrors).withLatency(latency);
      builder = WarmPoolEmulator.builder().port(port).speed(speed).seed(seed).region(region).healthPort(healthPort)
          .defaultBootProfile(bootProfile).faults(faults);
      if (windowsSetupMedian != null) {
        // Same shape as the built-in profile, with the median and tail asked for, clamped to [median/2, 4 x median].
        builder.bootProfile(BootProfile.windows().withFirstBootSetup(
            Distribution.logNormal(windowsSetupMedian, windowsSetupSigma, windowsSetupMedian.dividedBy(2),
                windowsSetupMedian.multipliedBy(4)),
            Duration.ofSeconds(20)));
      }
      for (URI target : eventTargets) {
        builder.eventTarget(target);
      }
      iamPolicies.forEach(builder::iamPolicy);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    WarmPoolEmulator emulator;
    AutoCloseable running;
    if (stack != null) {
      StackReplay replay = replay(builder, out);
      emulator = replay.emulator();
      running = replay;
    } else {
      try {
        emulator = builder.start();
      } catch (IllegalStateException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      } catch (RuntimeException e) {
        throw new CliException("cannot start the emulator on 127.0.0.1:" + port, e);
      }
      running = emulator;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      closeQuietly(running);
      stopped.countDown();
    }, "emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf(Locale.ROOT, "warmgate emulator listening on %s (speed %.1fx, seed %d, region %s)%n",
        emulator.endpoint(), speed, seed, region);
    eventTargets.forEach(t -> out.println("lifecycle events are POSTed to " + t));
    iamPolicies.forEach(p -> out.println("IAM policy bound: " + p));
    out.println("Point the AWS CLI at it:");
    out.println(emulator.cliHint());
    out.println("Stop with Ctrl-C.");
    out.flush();
    try {
      if (duration != null) {
        stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stopped.await();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        closeQuietly(running);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already shutting down: the hook closes the emulator.
      }
    }
    return ExitCodes.OK;
  }

  private StackReplay replay(WarmPoolEmulatorBuilder builder, PrintWriter out) {
    if (speed != 1) {
      throw new ParameterException(spec.commandLine(), "--stack runs the function on real time: --speed must be 1");
    }
    if (!Files.isRegularFile(stack)) {
      throw new ParameterException(spec.commandLine(), "--stack: no such template file: " + stack);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String p : parameters) {
      int eq = p.indexOf('=');
      if (eq < 1) {
        throw new ParameterException(spec.commandLine(), "--parameter must be NAME=VALUE, got " + p);
      }
      values.put(p.substring(0, eq), p.substring(eq + 1));
    }
    try {
      StackReplay.StackReplayBuilder replay = StackReplay.builder(stack).parameters(values).emulator(builder)
          .bootProfile(bootProfile).out(line -> {
            out.println(line);
            out.flush();
          });
      if (workDir != null) {
        replay.workDir(workDir);
      }
      return replay.start();
    } catch (IllegalArgumentException e) {
      // An unresolvable intrinsic, a refused resource or a bad template: the message names it.
      throw new CliException("cannot replay " + stack + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable running) {
    try {
      running.close();
    } catch (Exception e) {
      // Stopping: nothing left to report to.
    }
  }

  private void rate(String flag, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ParameterException(spec.commandLine(), flag + " must be a fraction from 0 to 1, got " + value);
    }
  }
}
