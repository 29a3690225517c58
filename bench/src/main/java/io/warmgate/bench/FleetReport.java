package io.warmgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns the figures of one or two scenarios (a small and a large fleet from the same run) into a
 * plain-text table and a JSON document.
 *
 * <p>With two scenarios the last column is the ratio large / small of each figure: since a shared
 * machine makes absolute numbers noisy, the ratios are the result (threads flat, heap and CPU per
 * instance flat, totals about N-fold).
 *
 * @param machine a description of the machine and its load
 * @param settings the settings common to both scenarios
 * @param scenarios the measured scenarios, small first (one or two)
 */
public record FleetReport(Map<String, Object> machine, Map<String, Object> settings, List<FleetFigures> scenarios) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public FleetReport {
    machine = Map.copyOf(Objects.requireNonNull(machine, "machine"));
    settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
    if (scenarios.isEmpty() || scenarios.size() > 2) {
      throw new IllegalArgumentException("expected one or two scenarios, got " + scenarios.size());
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

  private record Row(String label, Function<FleetFigures, String> cell, ToDoubleFunction<FleetFigures> value) {}

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(num("instances waiting at once", f -> f.instances()));
    rows.add(num("completed CONTINUE", FleetFigures::continued));
    rows.add(text("other outcomes", FleetReport::otherOutcomes));
    rows.add(num("still waiting at the end", f -> f.stillWaiting()));
    rows.add(dec("setup until all waiting (s)", f -> f.setupSeconds()));
    rows.add(dec("wall time until all completed (s)", f -> f.wallSeconds()));
    rows.add(dec("  same, simulated (s)", f -> f.simulatedSeconds()));
    rows.add(num("gate threads, peak live", f -> f.gateThreadsPeak()));
    rows.add(num("process threads, peak live", f -> f.threadsPeakProcess()));
    rows.add(num("  baseline before the gate", f -> f.threadsBaseline()));
    rows.add(num("threads started during the run", f -> f.threadsStarted()));
    rows.add(dec("heap after GC, all waiting, no gate (MiB)", f -> mib(f.heapBeforeBytes())));
    rows.add(dec("heap after GC, all runs in flight (MiB)", f -> mib(f.heapInFlightBytes())));
    rows.add(dec("  gate heap per instance (KiB)", FleetFigures::heapKibPerInstance));
    rows.add(dec("peak heap after GC while gating (MiB)", f -> mib(f.peakHeapAfterGcBytes())));
    rows.add(dec("process CPU (s)", f -> f.processCpuNanos() / 1e9));
    rows.add(dec("  emulator threads CPU (s)", f -> f.emulatorCpuNanos() / 1e9));
    rows.add(dec("  gate side CPU, incl. GC/JIT (s)", f -> f.gateSideCpuNanos() / 1e9));
    rows.add(dec("  gate CPU per instance (ms)", FleetFigures::gateCpuMsPerInstance));
    rows.add(num("probes", FleetFigures::probes));
    rows.add(dec("probes/s (real)", FleetFigures::probesPerSecond));
    rows.add(dec("probes per instance", f -> (double) f.probes() / f.instances()));
    rows.add(num("decisions", FleetFigures::decisions));
    rows.add(num("heartbeats", FleetFigures::heartbeats));
    rows.add(num("port failures", FleetFigures::portFailures));
    rows.add(num("API calls, total", FleetFigures::apiCallsTotal));
    TreeSet<String> actions = new TreeSet<>();
    scenarios.forEach(f -> actions.addAll(f.apiCalls().keySet()));
    for (String a : actions) {
      rows.add(num("  " + a, f -> f.apiCalls().getOrDefault(a, 0L)));
    }
    rows.add(text("timer lateness p50/p90/p99/max, simulated ms", f -> ms(f.timerLateness())));
    rows.add(text("  same, real ms", f -> ms(f.timerLateness().scaledDown(f.speed()))));
    rows.add(text("decision lateness p50/p90/p99/max, sim ms", f -> ms(f.decisionLateness())));
    rows.add(text("  same, real ms", f -> ms(f.decisionLateness().scaledDown(f.speed()))));
    return rows;
  }

  /** The figures as a fixed-width table, with a ratio column when two scenarios were run. */
  public String table() {
    boolean compare = scenarios.size() == 2;
    StringBuilder b = new StringBuilder();
    String head = String.format("%-44s", "figure");
    for (FleetFigures f : scenarios) {
      head += String.format(" | %24s", "N=" + f.instances());
    }
    if (compare) {
      head += String.format(" | %8s", "ratio");
    }
    b.append(head).append('\n').append("-".repeat(head.length())).append('\n');
    for (Row r : rows()) {
      b.append(String.format("%-44s", r.label()));
      for (FleetFigures f : scenarios) {
        b.append(String.format(" | %24s", r.cell().apply(f)));
      }
      if (compare) {
        b.append(String.format(" | %8s", ratio(r, scenarios.get(0), scenarios.get(1))));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The ratios large / small of the figures that matter for scaling (empty with one scenario). */
  public Map<String, Double> ratios() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (scenarios.size() != 2) {
      return m;
    }
    FleetFigures s = scenarios.get(0);
    FleetFigures l = scenarios.get(1);
    m.put("instances", div(l.instances(), s.instances()));
    m.put("gateThreadsPeak", div(l.gateThreadsPeak(), s.gateThreadsPeak()));
    m.put("processThreadsPeak", div(l.threadsPeakProcess(), s.threadsPeakProcess()));
    m.put("threadsStarted", div(l.threadsStarted(), s.threadsStarted()));
    m.put("gateHeapPerInstance", div(l.heapKibPerInstance(), s.heapKibPerInstance()));
    m.put("gateCpuPerInstance", div(l.gateCpuMsPerInstance(), s.gateCpuMsPerInstance()));
    m.put("gateCpuTotal", div(l.gateSideCpuNanos(), s.gateSideCpuNanos()));
    m.put("wallTime", div(l.wallSeconds(), s.wallSeconds()));
    m.put("probesPerInstance", div((double) l.probes() / l.instances(), (double) s.probes() / s.instances()));
    m.put("apiCallsPerInstance", div((double) l.apiCallsTotal() / l.instances(), (double) s.apiCallsTotal() / s.instances()));
    m.put("decisionLatenessP99", div(l.decisionLateness().p99(), s.decisionLateness().p99()));
    return m;
  }

  /**
   * What each instance added beyond the small fleet, which cancels the fixed costs (clients, pools,
   * JIT) that make per-instance figures of a small fleet look large: heap in KiB and gate-side CPU in
   * ms per added instance, and gate threads per added instance (empty with one scenario).
   */
  public Map<String, Double> marginal() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (scenarios.size() != 2) {
      return m;
    }
    FleetFigures s = scenarios.get(0);
    FleetFigures l = scenarios.get(1);
    double added = l.instances() - s.instances();
    double heap = (l.heapInFlightBytes() - l.heapBeforeBytes()) - (s.heapInFlightBytes() - s.heapBeforeBytes());
    m.put("heapKibPerAddedInstance", round(heap / 1024.0 / added));
    m.put("gateCpuMsPerAddedInstance", round((l.gateSideCpuNanos() - s.gateSideCpuNanos()) / 1e6 / added));
    m.put("gateThreadsPerAddedInstance", round((l.gateThreadsPeak() - s.gateThreadsPeak()) / added));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The report as JSON: machine, settings, every scenario's figures, and the ratios. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.set("machine", JSON.valueToTree(machine));
    root.set("settings", JSON.valueToTree(settings));
    root.set("scenarios", JSON.valueToTree(scenarios));
    root.set("ratios", JSON.valueToTree(ratios()));
    root.set("marginal", JSON.valueToTree(marginal()));
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /** Writes {@link #json()} to a file, creating its directory. */
  public void writeJson(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, json());
  }

  private static String ratio(Row r, FleetFigures small, FleetFigures large) {
    double a = r.value().applyAsDouble(small);
    double b = r.value().applyAsDouble(large);
    if (Double.isNaN(a) || Double.isNaN(b) || a == 0) {
      return "";
    }
    return String.format("%.2f", b / a);
  }

  private static double div(double a, double b) {
    return b == 0 ? Double.NaN : Math.round(a / b * 100) / 100.0;
  }

  private static String otherOutcomes(FleetFigures f) {
    StringBuilder b = new StringBuilder();
    f.outcomes().entrySet().stream()
        .filter(e -> e.getValue() > 0 && e.getKey() != io.warmgate.core.port.GateListener.Outcome.CONTINUED)
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue()));
    return b.length() == 0 ? "none" : b.toString();
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static String ms(LatencyRecorder.Percentiles p) {
    return String.format("%s/%s/%s/%s", oneMs(p.p50()), oneMs(p.p90()), oneMs(p.p99()), oneMs(p.max()));
  }

  private static String oneMs(long nanos) {
    double ms = nanos / 1e6;
    return ms >= 100 ? String.format("%.0f", ms) : String.format("%.1f", ms);
  }

  private static Row num(String label, ToDoubleFunction<FleetFigures> v) {
    return new Row(label, f -> String.format("%,d", (long) v.applyAsDouble(f)), v);
  }

  private static Row dec(String label, ToDoubleFunction<FleetFigures> v) {
    return new Row(label, f -> String.format("%.2f", v.applyAsDouble(f)), v);
  }

  private static Row text(String label, Function<FleetFigures, String> cell) {
    return new Row(label, cell, f -> Double.NaN);
  }
}
