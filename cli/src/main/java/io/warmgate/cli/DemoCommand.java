package io.warmgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warmgate demo}: replays the warm-pool incident three ways on the embedded emulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Replays the warm-pool incident on the embedded emulator, three ways side by side:",
      "  1. no hook, 2. the usual fix (960 s hook, CONTINUE, poll without deadline), 3. warmgate defaults.",
      "Each story fills the warm pool, scales out by --scale and measures what a user would see."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the demo ran and the stories ended as expected",
      "1:runtime failure",
      "2:bad command line",
      "3:the demo ran but warmgate's story did not end healthy"
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--scale", defaultValue = "4", paramLabel = "N", description = "Scale-out size (desired +N). Default: ${DEFAULT-VALUE}.")
  int scale;

  @Option(names = "--speed", defaultValue = "60", paramLabel = "X", description = "Simulated seconds per real second. Default: ${DEFAULT-VALUE}.")
  double speed;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (boot times, ids). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--group-size", defaultValue = "2", paramLabel = "N", description = "Group MinSize and initial desired capacity. Default: ${DEFAULT-VALUE}.")
  int groupSize;

  @Option(names = "--max-size", defaultValue = "10", paramLabel = "N", description = "Group MaxSize (sets the warm pool size: max - desired). Default: ${DEFAULT-VALUE}.")
  int maxSize;

  @Option(names = "--setup-median", defaultValue = "12m", paramLabel = "DURATION", description = "Median first-boot setup (Windows sysprep/EC2Launch), e.g. 12m or 700s. Default: ${DEFAULT-VALUE}.")
  String setupMedian;

  @Option(names = "--setup-sigma", defaultValue = "0.3", paramLabel = "S", description = "Log-normal shape of the setup time; 0.3 puts about 1 boot in 6 above 16 min. Default: ${DEFAULT-VALUE}.")
  double setupSigma;

  @Option(names = "--setup-max", defaultValue = "30m", paramLabel = "DURATION", description = "Longest first-boot setup. Default: ${DEFAULT-VALUE}.")
  String setupMax;

  @Option(names = "--report", defaultValue = "reports/warmgate-demo.html", paramLabel = "FILE", description = "Where to write the HTML timeline report. Default: ${DEFAULT-VALUE}.")
  Path report;

  @Option(names = "--no-color", description = "No ANSI colours.")
  boolean noColor;

  @Option(names = "--json", description = "Progress and summary as JSON lines on stdout.")
  boolean json;

  @Override
  public Integer call() {
    throw new CliException("demo is not wired yet in this build");
  }
}
