package io.warmgate.cli;

import io.warmgate.cli.demo.Demo;
import io.warmgate.cli.demo.DemoGates;
import io.warmgate.cli.demo.DemoOutput;
import io.warmgate.cli.demo.DemoResult;
import io.warmgate.cli.demo.DemoSettings;
import io.warmgate.cli.progress.ProgressRenderer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warmgate demo}: replays the warm-pool incident three ways on the embedded emulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Replays the warm-pool incident three ways on the embedded emulator.",
    description = {
      "Replays the warm-pool incident on the embedded emulator, three ways:",
      "  1. no hook",
      "  2. the usual fix: 960 s hook, default CONTINUE, polling with no deadline",
      "  3. warmgate: hook with default ABANDON, the gate's defaults",
      "Each story fills its warm pool, scales out by --scale and measures what a user would see; then a summary"
          + " table and an HTML timeline report. If the machine cannot keep up with --speed, the demo says so and"
          + " prints no results."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the demo ran and the stories ended as expected",
      "1:runtime failure",
      "2:bad command line",
      "3:the demo ran but warmgate's story did not end healthy",
      "6:the machine could not keep up with --speed: no results (try a lower speed)",
      "130:interrupted (Ctrl-C)"
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--scale", defaultValue = "4", paramLabel = "N", description = "Scale-out size (desired +N). Default: ${DEFAULT-VALUE}.")
  int scale;

  @Option(names = "--speed", defaultValue = "60", paramLabel = "X", description = "Simulated seconds per real second, at most " + DemoSettings.MAX_SPEED_TEXT + ". Default: ${DEFAULT-VALUE}.")
  double speed;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of every random choice (boot times, ids). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--group-size", defaultValue = "2", paramLabel = "N", description = "Group MinSize and initial desired capacity. Default: ${DEFAULT-VALUE}.")
  int groupSize;

  @Option(names = "--max-size", defaultValue = "10", paramLabel = "N", description = "Group MaxSize (sets the warm pool size: max - desired). Default: ${DEFAULT-VALUE}.")
  int maxSize;

  @Option(names = "--setup-median", defaultValue = "12m", paramLabel = "DURATION", converter = DurationConverter.class, description = "Median first-boot setup (Windows sysprep/EC2Launch), e.g. 12m or 700s. Default: ${DEFAULT-VALUE}.")
  Duration setupMedian;

  @Option(names = "--setup-sigma", defaultValue = "0.3", paramLabel = "S", description = "Log-normal shape of the setup time; 0.3 puts about 1 boot in 6 above 16 min. Default: ${DEFAULT-VALUE}.")
  double setupSigma;

  @Option(names = "--setup-max", defaultValue = "30m", paramLabel = "DURATION", converter = DurationConverter.class, description = "Longest first-boot setup. Default: ${DEFAULT-VALUE}.")
  Duration setupMax;

  @Option(names = "--report", defaultValue = "reports/warmgate-demo.html", paramLabel = "FILE", description = "Where to write the HTML timeline report. Default: ${DEFAULT-VALUE}.")
  Path report;

  @Option(names = "--no-color", description = "No ANSI colours.")
  boolean noColor;

  @Option(names = "--json", description = "Progress and summary as JSON lines on stdout.")
  boolean json;

  @Option(names = "--scale-out-timeout", defaultValue = "20m", paramLabel = "DURATION", converter = DurationConverter.class, description = "Simulated time after the scale-out before a story counts as not served. Default: ${DEFAULT-VALUE}.")
  Duration scaleOutTimeout;

  @Option(names = "--fill-timeout", defaultValue = "60m", paramLabel = "DURATION", converter = DurationConverter.class, description = "Simulated time the pools may take to fill before the scale-out goes ahead. Default: ${DEFAULT-VALUE}.")
  Duration fillTimeout;

  @Option(names = "--health-port", defaultValue = "18080", paramLabel = "PORT", description = "Port of each simulated instance's health endpoint (on its own 127.x.y.z address). Default: ${DEFAULT-VALUE}.")
  int healthPort;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DemoSettings settings;
    try {
      settings = new DemoSettings(scale, speed, seed, groupSize, maxSize, setupMedian, setupSigma, setupMax,
          fillTimeout, scaleOutTimeout, healthPort, report);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ProgressRenderer.Mode mode = ProgressRenderer.detect(json);
    PrintStream out = System.out;
    ProgressRenderer progress = new ProgressRenderer(out, mode, !noColor && System.getenv("NO_COLOR") == null);
    DemoResult result = new Demo(settings, DemoGates.factory(), progress).run();
    if (!result.valid()) {
      // Figures measured on a clock the machine could not follow are wrong, not results: say so instead.
      if (json) {
        out.println(DemoOutput.json(result));
      }
      System.err.println(DemoOutput.invalid(result));
      out.flush();
      return ExitCodes.RESULTS_INVALID;
    }
    if (json) {
      out.println(DemoOutput.json(result));
    } else {
      out.println();
      out.print(DemoOutput.table(result));
      result.report().ifPresent(p -> out.println("report: " + p.toAbsolutePath()));
      if (!result.asExpected()) {
        out.println("warning: warmgate's story did not end healthy (see the report)");
      }
    }
    out.flush();
    return result.asExpected() ? ExitCodes.OK : ExitCodes.UNEXPECTED_OR_WAIT;
  }
}
