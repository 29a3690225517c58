package io.warmgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fleet benchmark's entry point: runs a warm-up, then a small and a large fleet in the same JVM,
 * prints the figures table and writes it as JSON.
 *
 * <pre>
 * mvn -pl bench exec:java@fleet -Dexec.args="--instances 1000 --compare 100"
 * </pre>
 */
@Command(
    name = "warmgate-bench",
    mixinStandardHelpOptions = true,
    description = "One real gate over N emulated warm-pool instances waiting at once; prints what it cost.")
public final class FleetBenchmark implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--instances", defaultValue = "1000", description = "Instances in the large fleet (default ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--compare", defaultValue = "100", description = "Instances in the small fleet run first in the same JVM; 0 for none (default ${DEFAULT-VALUE}).")
  int compare;

  @Option(names = "--warmup", defaultValue = "50", description = "Instances in an unreported warm-up run (JIT); 0 for none (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--speed", defaultValue = "10", description = "Simulated seconds per real second (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--seed", defaultValue = "42", description = "Emulator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--workers", defaultValue = "16", description = "Threads for the gate's blocking AWS calls (default ${DEFAULT-VALUE}, as the Lambda).")
  int workers;

  @Option(names = "--interval", defaultValue = "15s", converter = DurationConverter.class, description = "Probe interval, simulated (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--heartbeat-timeout", defaultValue = "30m", converter = DurationConverter.class, description = "The hook's heartbeat timeout, simulated (default ${DEFAULT-VALUE}).")
  Duration heartbeatTimeout;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, description = "Most real time per scenario (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Where to write the JSON figures (default: <bench.outputDir or target>/fleet-figures.json).")
  Path json;

  /** Runs the benchmark; exits non-zero on bad flags or a failed scenario. */
  public static void main(String[] args) {
    int code = new CommandLine(new FleetBenchmark()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    FleetSettings base;
    try {
      base = new FleetSettings(instances, speed, seed, workers, interval, heartbeatTimeout, timeout);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (compare < 0 || compare >= instances) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--compare must be in 0.." + (instances - 1) + ", got " + compare);
    }
    if (warmup < 0 || warmup > FleetSettings.MAX_INSTANCES) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be in 0.." + FleetSettings.MAX_INSTANCES + ", got " + warmup);
    }
    Map<String, Object> machine = FleetReport.describeMachine();
    System.out.println("warmgate fleet benchmark on " + machine);
    if (warmup > 0) {
      System.out.println("warm-up: " + warmup + " instances (not reported)");
      FleetRun.run(base.withInstances(warmup), System.out::println);
    }
    List<FleetFigures> figures = new ArrayList<>();
    if (compare > 0) {
      figures.add(scenario(base.withInstances(compare)));
    }
    figures.add(scenario(base));
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> m = new LinkedHashMap<>(machine);
    m.put("loadAverageAtEnd", Math.round(os.getSystemLoadAverage() * 100) / 100.0);
    FleetReport report = new FleetReport(m, settingsOf(base), figures);
    System.out.println();
    System.out.print(report.table());
    if (!report.ratios().isEmpty()) {
      System.out.println("ratios large/small: " + report.ratios());
      System.out.println("marginal, per instance added: " + report.marginal());
    }
    Path out = json != null ? json : Path.of(System.getProperty("bench.outputDir", "target"), "fleet-figures.json");
    report.writeJson(out);
    System.out.println("figures written to " + out);
    return figures.stream().allMatch(f -> f.continued() == f.instances()) ? 0 : 2;
  }

  private static FleetFigures scenario(FleetSettings s) {
    System.out.println("fleet of " + s.instances() + " at speed " + s.speed());
    FleetFigures f = FleetRun.run(s, System.out::println);
    System.out.printf(Locale.ROOT, "  %d of %d CONTINUE in %.1f s real (%.0f s simulated), %d probes%n",
        f.continued(), f.instances(), f.wallSeconds(), f.simulatedSeconds(), f.probes());
    return f;
  }

  private static Map<String, Object> settingsOf(FleetSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("speed", s.speed());
    m.put("seed", s.seed());
    m.put("workers", s.workers());
    m.put("interval", s.interval().toString());
    m.put("heartbeatTimeout", s.heartbeatTimeout().toString());
    m.put("bootProfile", "bench: pending 5-15 s, OS ~40 s, app ~20 s later (simulated)");
    m.put("policy", "warmgate defaults entering the warm pool: 3 consecutive passes, 30 s settle");
    return m;
  }

  /** Reads {@code 500ms}, {@code 15s}, {@code 30m}, {@code 1h} or ISO-8601 ({@code PT15S}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT.matcher(value.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("expected a duration like 15s, 30m or PT15S, got '" + value + "'");
      }
    }
  }
}
