package io.warmgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns the figures of the fleets of one run (each size under each preset) into plain-text tables and
 * a JSON document.
 *
 * <p>A shared machine makes absolute numbers noisy, so the results are ratios measured in the same run:
 * warmgate over the usual fix on the same fleet, and each size over the smallest.
 *
 * @param machine a description of the machine and its load
 * @param settings the settings common to every fleet
 * @param fleets the measured fleets, in the order they ran
 */
public record FleetReport(Map<String, Object> machine, Map<String, Object> settings, List<FleetFigures> fleets) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<Phase> PHASES = List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL);

  public FleetReport {
    machine = Map.copyOf(Objects.requireNonNull(machine, "machine"));
    settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    fleets = List.copyOf(Objects.requireNonNull(fleets, "fleets"));
    if (fleets.isEmpty()) {
      throw new IllegalArgumentException("expected at least one fleet");
    }
  }

  /** Describes this JVM's machine: cores, OS, Java, memory, and the load average now. */
  public static Map<String, Object> describeMachine() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("os", os.getName() + " " + os.getVersion() + " " + os.getArch());
    m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    m.put("memoryMiB", os.getTotalMemorySize() / (1024 * 1024));
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("loadAverageAtStart", Math.round(os.getSystemLoadAverage() * 100) / 100.0);
    return m;
  }

  /** The JSON name of a phase, as the per-phase settings spell it. */
  static String phaseName(Phase p) {
    return switch (p) {
      case ENTERING_WARM_POOL -> "enteringWarmPool";
      case LEAVING_WARM_POOL -> "leavingWarmPool";
      case COLD_START -> "coldStart";
      case TERMINATING -> "terminating";
    };
  }

  private static Optional<PhaseFigures> phase(FleetFigures f, Phase p) {
    return f.phases().stream().filter(x -> x.phase() == p).findFirst();
  }

  private record Row(String label, Function<FleetFigures, String> cell, ToDoubleFunction<FleetFigures> value) {}

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(num("instances", FleetFigures::instances));
    rows.add(dec("speed (simulated s per real s)", FleetFigures::speed));
    rows.add(text("valid (the machine kept up)", f -> f.valid() ? "yes" : "NO"));
    rows.add(text("completed CONTINUE / actions", f -> f.continued() + "/" + f.actions()));
    rows.add(text("other outcomes, still waiting", f -> otherOutcomes(f) + ", " + f.stillWaiting()));
    for (Phase p : PHASES) {
      String n = phaseName(p);
      rows.add(text("detection " + n + " p50/p99/max s", f -> phase(f, p).map(x -> sec(x.detectionLatency())).orElse("-")));
      String shortName = p == Phase.ENTERING_WARM_POOL ? "entering" : "leaving";
      rows.add(dec("  " + shortName + " p50 (s, simulated)", f -> phase(f, p).map(x -> x.detectionLatency().p50() / 1e9).orElse(Double.NaN)));
      rows.add(dec("  " + shortName + " p99 (s, simulated)", f -> phase(f, p).map(x -> x.detectionLatency().p99() / 1e9).orElse(Double.NaN)));
    }
    TreeSet<String> ops = new TreeSet<>();
    fleets.forEach(f -> ops.addAll(f.apiCalls().keySet()));
    for (Phase p : PHASES) {
      String n = phaseName(p);
      rows.add(dec("API calls/instance " + n, f -> phase(f, p).map(PhaseFigures::apiCallsPerInstance).orElse(Double.NaN)));
      for (String op : ops) {
        rows.add(dec("  " + op + (p == Phase.ENTERING_WARM_POOL ? " (in)" : " (out)"),
            f -> phase(f, p).map(x -> perAction(x, op)).orElse(Double.NaN)));
      }
    }
    rows.add(num("probes", FleetFigures::probes));
    rows.add(dec("probes per instance", f -> (double) f.probes() / f.instances()));
    rows.add(dec("wall time gating (s)", FleetFigures::wallSeconds));
    rows.add(dec("process CPU (s)", f -> f.processCpuNanos() / 1e9));
    rows.add(dec("  average cores busy", FleetFigures::processCores));
    rows.add(dec("  emulator threads (s)", f -> f.emulatorCpuNanos() / 1e9));
    rows.add(dec("  gate side, incl. GC/JIT (s)", f -> f.gateSideCpuNanos() / 1e9));
    for (String part : CpuParts.ORDER) {
      rows.add(dec("    " + part + " (s)", f -> f.cpuNanosByPart().getOrDefault(part, 0L) / 1e9));
    }
    rows.add(dec("gate CPU per probe round (ms)", FleetFigures::gateCpuMsPerRound));
    rows.add(dec("  the same, JIT excluded (ms)", FleetFigures::gateCpuMsPerRoundWithoutJit));
    rows.add(dec("peak heap after GC (MiB)", f -> mib(f.peakHeapAfterGcBytes())));
    rows.add(dec("heap after GC, in flight (MiB)", f -> mib(f.heapInFlightBytes())));
    rows.add(num("threads started", FleetFigures::threadsStarted));
    rows.add(num("gate threads, peak live", FleetFigures::gateThreadsPeak));
    rows.add(text("decision lateness p50/p99/max s", f -> sec(f.decisionLateness())));
    rows.add(dec("  decision lateness p99 (s, sim)", f -> f.decisionLateness().p99() / 1e9));
    rows.add(text("timer lateness p99/max real ms", f -> realMs(f.timerLateness().scaledDown(f.speed()))));
    rows.add(dec("emulator timers, max late (s, sim)", f -> f.emulatorMaxLatenessNanos() / 1e9));
    return rows;
  }

  /** Calls of one operation per gated action of a phase. */
  static double perAction(PhaseFigures p, String op) {
    return p.actions() == 0 ? 0 : (double) p.apiCalls().getOrDefault(op, 0L) / p.actions();
  }

  /** Every fleet's figures as a fixed-width table, one column per fleet. */
  public String table() {
    StringBuilder b = new StringBuilder();
    String head = String.format("%-52s", "figure");
    for (FleetFigures f : fleets) {
      head += String.format(" | %15s", label(f));
    }
    b.append(head).append('\n').append("-".repeat(head.length())).append('\n');
    for (Row r : rows()) {
      b.append(String.format("%-52s", r.label()));
      for (FleetFigures f : fleets) {
        b.append(String.format(" | %15s", r.cell().apply(f)));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The ratios warmgate / usual fix, one column per fleet size measured under both presets. */
  public String ratioTable() {
    List<Integer> sizes = pairedSizes();
    if (sizes.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    String head = String.format("%-52s", "warmgate / usual-fix");
    for (int n : sizes) {
      head += String.format(" | %10s", "N=" + n);
    }
    b.append(head).append('\n').append("-".repeat(head.length())).append('\n');
    for (Row r : rows()) {
      if (r.label().startsWith("instances")) {
        continue;
      }
      StringBuilder line = new StringBuilder(String.format("%-52s", r.label()));
      boolean any = false;
      for (int n : sizes) {
        double q = div(r.value().applyAsDouble(of(n, Preset.WARMGATE)), r.value().applyAsDouble(of(n, Preset.USUAL_FIX)));
        any |= !Double.isNaN(q);
        line.append(String.format(" | %10s", Double.isNaN(q) ? "" : String.format("%.2f", q)));
      }
      if (any) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  /** How each figure grows with N, per preset: the figure at each size over the figure at the smallest. */
  public String growthTable() {
    StringBuilder b = new StringBuilder();
    for (Preset preset : Preset.values()) {
      List<FleetFigures> mine = fleets.stream().filter(f -> f.preset() == preset).toList();
      if (mine.size() < 2) {
        continue;
      }
      FleetFigures base = mine.get(0);
      String head = String.format("%-52s", preset.wireName() + ", over N=" + base.instances());
      for (FleetFigures f : mine.subList(1, mine.size())) {
        head += String.format(" | %10s", "N=" + f.instances());
      }
      b.append(head).append('\n').append("-".repeat(head.length())).append('\n');
      for (Row r : rows()) {
        StringBuilder line = new StringBuilder(String.format("%-52s", r.label()));
        boolean any = false;
        for (FleetFigures f : mine.subList(1, mine.size())) {
          double q = div(r.value().applyAsDouble(f), r.value().applyAsDouble(base));
          any |= !Double.isNaN(q);
          line.append(String.format(" | %10s", Double.isNaN(q) ? "" : String.format("%.2f", q)));
        }
        if (any) {
          b.append(line).append('\n');
        }
      }
      b.append('\n');
    }
    return b.toString();
  }

  private List<Integer> pairedSizes() {
    return fleets.stream().map(FleetFigures::instances).distinct()
        .filter(n -> of(n, Preset.WARMGATE) != null && of(n, Preset.USUAL_FIX) != null).toList();
  }

  private FleetFigures of(int n, Preset p) {
    return fleets.stream().filter(f -> f.instances() == n && f.preset() == p).findFirst().orElse(null);
  }

  /** The report as JSON: machine, settings, {@code fleets[]} with each fleet's figures, and the ratios. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.set("machine", JSON.valueToTree(machine));
    root.set("settings", JSON.valueToTree(settings));
    ArrayNode list = root.putArray("fleets");
    for (FleetFigures f : fleets) {
      list.add(fleetJson(f));
    }
    ArrayNode ratios = root.putArray("warmgateOverUsualFix");
    for (int n : pairedSizes()) {
      ratios.add(ratioJson(of(n, Preset.WARMGATE), of(n, Preset.USUAL_FIX)));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static ObjectNode fleetJson(FleetFigures f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("instances", f.instances());
    o.put("preset", f.preset().wireName());
    o.put("speed", f.speed());
    o.put("allContinued", f.allContinued());
    o.put("valid", f.valid());
    o.set("outcomes", JSON.valueToTree(f.outcomes()));
    o.put("stillWaiting", f.stillWaiting());
    ObjectNode detection = o.putObject("detectionLatencyMs");
    ObjectNode perInstance = o.putObject("apiCallsPerInstance");
    ObjectNode byOp = o.putObject("apiCallsByOperation");
    ObjectNode heartbeats = o.putObject("heartbeatsPerInstance");
    ObjectNode wall = o.putObject("phaseWallSeconds");
    for (PhaseFigures p : f.phases()) {
      String n = phaseName(p.phase());
      detection.set(n, percentilesMs(p.detectionLatency()));
      perInstance.put(n, round(p.apiCallsPerInstance()));
      byOp.set(n, JSON.valueToTree(p.apiCalls()));
      heartbeats.put(n, round(p.heartbeatsPerInstance()));
      wall.put(n, round(p.wallSeconds()));
    }
    o.put("processCpuSeconds", round(f.processCpuNanos() / 1e9));
    o.put("emulatorCpuSeconds", round(f.emulatorCpuNanos() / 1e9));
    o.put("gateSideCpuSeconds", round(f.gateSideCpuNanos() / 1e9));
    o.put("averageCoresBusy", round(f.processCores()));
    o.put("harnessCpuSeconds", round(f.harnessCpuNanos() / 1e9));
    ObjectNode parts = o.putObject("cpuSecondsByPart");
    f.cpuNanosByPart().forEach((k, v) -> parts.put(k, round(v / 1e9)));
    o.put("gateCpuMsPerProbeRound", round(f.gateCpuMsPerRound()));
    o.put("gateCpuMsPerProbeRoundWithoutJit", round(f.gateCpuMsPerRoundWithoutJit()));
    o.put("wallSeconds", round(f.wallSeconds()));
    o.put("peakHeapAfterGcMiB", round(mib(f.peakHeapAfterGcBytes())));
    o.put("heapAfterGcInFlightMiB", round(mib(f.heapInFlightBytes())));
    o.set("decisionLatenessSimMs", percentilesMs(f.decisionLateness()));
    o.set("timerLatenessRealMs", percentilesMs(f.timerLateness().scaledDown(f.speed())));
    o.put("emulatorMaxLatenessSimMs", round(f.emulatorMaxLatenessNanos() / 1e6));
    o.put("threadsStarted", f.threadsStarted());
    o.put("gateThreadsPeak", f.gateThreadsPeak());
    o.set("gateThreadNames", JSON.valueToTree(f.gateThreadNames()));
    o.put("probes", f.probes());
    o.put("probeRounds", f.decisions());
    o.put("heartbeats", f.heartbeats());
    o.put("portFailures", f.portFailures());
    o.put("setupSeconds", round(f.setupSeconds()));
    o.put("commonPoolParallelism", f.commonPoolParallelism());
    return o;
  }

  private static ObjectNode ratioJson(FleetFigures w, FleetFigures u) {
    ObjectNode o = JSON.createObjectNode();
    o.put("instances", w.instances());
    for (Phase p : PHASES) {
      Optional<PhaseFigures> a = phase(w, p);
      Optional<PhaseFigures> b = phase(u, p);
      if (a.isEmpty() || b.isEmpty()) {
        continue;
      }
      String n = phaseName(p);
      o.put("detectionLatencyP50." + n, div(a.get().detectionLatency().p50(), b.get().detectionLatency().p50()));
      o.put("detectionLatencyP99." + n, div(a.get().detectionLatency().p99(), b.get().detectionLatency().p99()));
      o.put("apiCallsPerInstance." + n, div(a.get().apiCallsPerInstance(), b.get().apiCallsPerInstance()));
      TreeSet<String> ops = new TreeSet<>(a.get().apiCalls().keySet());
      ops.addAll(b.get().apiCalls().keySet());
      for (String op : ops) {
        o.put("apiCalls." + op + "." + n, div(perAction(a.get(), op), perAction(b.get(), op)));
      }
    }
    o.put("processCpuSeconds", div(w.processCpuNanos(), u.processCpuNanos()));
    o.put("gateCpuMsPerProbeRound", div(w.gateCpuMsPerRound(), u.gateCpuMsPerRound()));
    o.put("probes", div(w.probes(), u.probes()));
    return o;
  }

  /** Writes {@link #json()} to a file, creating its directory. */
  public void writeJson(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, json());
  }

  private static String label(FleetFigures f) {
    // A fleet gated on the console is the one whose gate read it: its API calls say so.
    boolean console = f.phases().stream().anyMatch(p -> p.apiCalls().containsKey("GetConsoleOutput"));
    return "N=" + f.instances() + (f.preset() == Preset.WARMGATE ? (console ? " wg-con" : " wg") : " usual");
  }

  private static ObjectNode percentilesMs(LatencyRecorder.Percentiles p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("count", p.count());
    o.put("p50", round(p.p50() / 1e6));
    o.put("p99", round(p.p99() / 1e6));
    o.put("max", round(p.max() / 1e6));
    return o;
  }

  private static double div(double a, double b) {
    return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.round(a / b * 100) / 100.0;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String otherOutcomes(FleetFigures f) {
    StringBuilder b = new StringBuilder();
    f.outcomes().entrySet().stream()
        .filter(e -> e.getValue() > 0 && e.getKey() != Outcome.CONTINUED)
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue()));
    return b.length() == 0 ? "none" : b.toString();
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static String sec(LatencyRecorder.Percentiles p) {
    return String.format("%.1f/%.1f/%.1f", p.p50() / 1e9, p.p99() / 1e9, p.max() / 1e9);
  }

  private static String realMs(LatencyRecorder.Percentiles p) {
    return String.format("%.1f/%.1f", p.p99() / 1e6, p.max() / 1e6);
  }

  private static Row num(String label, ToDoubleFunction<FleetFigures> v) {
    return new Row(label, f -> String.format("%,d", (long) v.applyAsDouble(f)), v);
  }

  private static Row dec(String label, ToDoubleFunction<FleetFigures> v) {
    return new Row(label, f -> {
      double d = v.applyAsDouble(f);
      return Double.isNaN(d) ? "-" : String.format("%.2f", d);
    }, v);
  }

  private static Row text(String label, Function<FleetFigures, String> cell) {
    return new Row(label, cell, f -> Double.NaN);
  }
}
