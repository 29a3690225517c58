package io.warmgate.bench;

import io.warmgate.core.model.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fleet benchmark's entry point: runs a warm-up, then every fleet size under every preset in the
 * same JVM (the same seed, so the same fleet for both presets), prints the figures and the ratios, and
 * writes them as JSON. A fleet whose decisions or emulator ran later than {@link FleetFigures#valid()}
 * allows is reported INVALID and the exit code says so (3), as the demo refuses a run that did not keep up.
 *
 * <pre>
 * mvn -B -q -pl bench exec:exec@fleet
 * mvn -B -q -pl bench exec:exec@fleet -Dbench.args="--instances 100,1000 --presets warmgate --speed 10"
 * </pre>
 */
@Command(
    name = "warmgate-bench",
    mixinStandardHelpOptions = true,
    description = "One real gate over N emulated warm-pool instances, into the pool and out of it; prints what it cost.")
public final class FleetBenchmark implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--instances", split = ",", defaultValue = "100,1000,3000",
      description = "Fleet sizes, comma-separated, run smallest first (default ${DEFAULT-VALUE}).")
  List<Integer> instances;

  @Option(names = "--presets", split = ",", defaultValue = "warmgate,usual-fix",
      description = "Presets gating each fleet: warmgate, usual-fix (default ${DEFAULT-VALUE}).")
  List<String> presets;

  @Option(names = "--readiness", split = ",", defaultValue = "http",
      description = "How the warmgate preset tells readiness, comma-separated: http (its probe), console (the ec2console "
          + "probe on the instances' cloud-init line, paced to the EC2 API budget) (default ${DEFAULT-VALUE}).")
  List<String> readiness;

  @Option(names = "--warmup", defaultValue = "50", description = "Instances in an unreported warm-up run (JIT); 0 for none (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--speed", defaultValue = "auto",
      description = "Simulated seconds per real second, or auto: per fleet, the speed at which its probe rounds stay "
          + "within what one process keeps up with (default ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--seed", defaultValue = "42", description = "Emulator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--workers", defaultValue = "16", description = "Threads for the gate's blocking AWS calls (default ${DEFAULT-VALUE}, as the Lambda).")
  int workers;

  @Option(names = "--interval", converter = DurationConverter.class,
      description = "Probe interval for every phase, simulated (default: the preset's).")
  Duration interval;

  @Option(names = "--env", paramLabel = "WARMGATE_KEY=VALUE",
      description = "A policy setting for the gate over the preset, as the runners read it from the environment "
          + "(e.g. WARMGATE_PHASES_LEAVING_WARM_POOL_INTERVAL=1s); repeatable.")
  Map<String, String> environment = new LinkedHashMap<>();

  @Option(names = "--heartbeat-timeout", defaultValue = "30m", converter = DurationConverter.class, description = "The hook's heartbeat timeout, simulated (default ${DEFAULT-VALUE}).")
  Duration heartbeatTimeout;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, description = "Most real time per fleet (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Where to write the JSON figures (default: <bench.outputDir or target>/fleet-figures.json).")
  Path json;

  /** Runs the benchmark; exits non-zero on bad flags or a failed fleet. */
  public static void main(String[] args) {
    int code = new CommandLine(new FleetBenchmark()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    List<FleetSettings> runs = new ArrayList<>();
    List<Preset> chosen = new ArrayList<>();
    FleetSettings base;
    OptionalDouble fixed;
    try {
      for (String p : presets) {
        chosen.add(Preset.named(p));
      }
      fixed = parseSpeed(speed);
      base = new FleetSettings(1, chosen.get(0), fixed.orElse(AutoSpeed.MAX), seed, workers, Optional.ofNullable(interval),
          heartbeatTimeout, timeout, environment);
      for (int n : instances.stream().sorted().distinct().toList()) {
        for (Preset p : chosen) {
          for (String r : readiness) {
            boolean console = switch (r.trim()) {
              case "http" -> false;
              case "console" -> true;
              default -> throw new IllegalArgumentException("--readiness takes http or console, got '" + r + "'");
            };
            if (console && p != Preset.WARMGATE) {
              continue; // the usual fix is an HTTP checker
            }
            // Both presets of a size run at the same speed, so that their figures compare.
            FleetSettings run = base.withInstances(n).withPreset(p).withSpeed(fixed.orElse(AutoSpeed.forFleet(n)));
            runs.add(console ? run.withConsoleReadiness() : run);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (warmup < 0 || warmup > FleetSettings.MAX_INSTANCES) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be in 0.." + FleetSettings.MAX_INSTANCES + ", got " + warmup);
    }
    Map<String, Object> machine = FleetReport.describeMachine();
    System.out.println("warmgate fleet benchmark on " + machine);
    if (warmup > 0) {
      System.out.println("warm-up: " + warmup + " instances under each preset (not reported)");
      for (Preset p : chosen) {
        FleetRun.run(base.withInstances(warmup).withPreset(p).withSpeed(fixed.orElse(AutoSpeed.forFleet(warmup))), line -> {});
      }
    }
    List<FleetFigures> figures = new ArrayList<>();
    for (FleetSettings s : runs) {
      figures.add(scenario(s));
    }
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> m = new LinkedHashMap<>(machine);
    m.put("loadAverageAtEnd", Math.round(os.getSystemLoadAverage() * 100) / 100.0);
    m.put("jvmArguments", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    FleetReport report = new FleetReport(m, settingsOf(base), figures);
    System.out.println();
    System.out.print(report.table());
    System.out.println();
    System.out.print(report.ratioTable());
    System.out.println();
    System.out.print(report.growthTable());
    Path out = json != null ? json : Path.of(System.getProperty("bench.outputDir", "target"), "fleet-figures.json");
    report.writeJson(out);
    System.out.println("figures written to " + out);
    List<FleetFigures> invalid = figures.stream().filter(f -> !f.valid()).toList();
    for (FleetFigures f : invalid) {
      System.out.printf(Locale.ROOT,
          "INVALID: N=%d %s at speed %.1f: the machine did not keep up (decision lateness p99 %.1f s, bound %s; "
              + "emulator timers up to %.1f s late, bound %s, simulated): its figures measure the machine, not the gate; "
              + "run it again with a lower --speed or on a quieter machine%n",
          f.instances(), f.preset().wireName(), f.speed(), f.decisionLateness().p99() / 1e9,
          Durations.human(FleetFigures.DECISION_LATENESS_BOUND), f.emulatorMaxLatenessNanos() / 1e9,
          Durations.human(FleetFigures.EMULATOR_LATENESS_BOUND));
    }
    if (!figures.stream().allMatch(FleetFigures::allContinued)) {
      return 2;
    }
    return invalid.isEmpty() ? 0 : 3;
  }

  private OptionalDouble parseSpeed(String value) {
    if (value.trim().equalsIgnoreCase("auto")) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--speed must be a number in 1..600 or auto, got '" + value + "'");
    }
  }

  private static FleetFigures scenario(FleetSettings s) {
    System.out.println("fleet of " + s.instances() + " under " + s.preset().wireName() + " at speed " + s.speed());
    FleetFigures f = FleetRun.run(s, System.out::println);
    System.out.printf(Locale.ROOT, "  %d of %d actions CONTINUE in %.1f s of gating, %d probes, %.1f s CPU%n",
        f.continued(), f.actions(), f.wallSeconds(), f.probes(), f.processCpuNanos() / 1e9);
    return f;
  }

  private static Map<String, Object> settingsOf(FleetSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("speed", s.speed());
    m.put("autoSpeed", "min(" + (int) AutoSpeed.MAX + ", " + AutoSpeed.PROBES_PER_REAL_SECOND + " x 2 s / N): the leaving pool's "
        + "probe rounds (one per instance every 2 s, simulated) at about " + AutoSpeed.PROBES_PER_REAL_SECOND + " a real second");
    m.put("seed", s.seed());
    m.put("workers", s.workers());
    m.put("interval", s.interval().map(Durations::human).orElse("the preset's"));
    m.put("heartbeatTimeout", Durations.human(s.heartbeatTimeout()));
    m.put("environment", s.environment());
    m.put("bootProfile", "bench: pending 5-15 s, OS ~40 s, app ~20 s later (simulated)");
    m.put("phases", "every instance enters the warm pool (Warmed:Pending:Wait), stops, then leaves it on one scale-out (Pending:Wait)");
    return m;
  }

  /** Reads a duration flag in the one grammar of {@link Durations}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
