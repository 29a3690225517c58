package io.warmgate.e2e.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Writes the fault matrix's figures (JSON and Markdown) and, on demand, {@code docs/reliability.md}. */
final class ReliabilityTable {

  /** The command that regenerates {@code docs/reliability.md}; the doc names it. */
  static final String COMMAND = "mvn -B -pl e2e -am verify -Dtest='FaultMatrixTest,ApiFuzzTest'"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dwarmgate.reliability.doc";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<FaultMatrixTest.RowRun> runs;
  private final Duration wall;
  private final boolean longRun;

  ReliabilityTable(List<FaultMatrixTest.RowRun> runs, Duration wall, boolean longRun) {
    this.runs = runs;
    this.wall = wall;
    this.longRun = longRun;
  }

  void writeFigures(Path dir) throws IOException {
    Files.createDirectories(dir);
    ArrayNode rows = JSON.createArrayNode();
    for (FaultMatrixTest.RowRun run : runs) {
      ObjectNode row = rows.addObject();
      row.put("row", run.row.getClass().getSimpleName());
      row.put("fault", run.row.fault());
      row.put("guarantee", run.row.guarantee());
      row.put("passed", run.failure == null);
      if (run.failure != null) {
        row.put("failure", String.valueOf(run.failure.getMessage()));
      }
      row.put("realSeconds", run.realMillis / 1000.0);
      ObjectNode figures = row.putObject("figures");
      run.figures.ordered().forEach(figures::put);
    }
    ObjectNode all = JSON.createObjectNode();
    all.put("producedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    all.put("wallSeconds", wall.toMillis() / 1000.0);
    all.put("longRun", longRun);
    all.put("cores", Runtime.getRuntime().availableProcessors());
    all.set("rows", rows);
    Files.writeString(dir.resolve("figures.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("reliability.md"), markdown(), StandardCharsets.UTF_8);
  }

  void writeDoc(Path doc) throws IOException {
    Files.writeString(doc, markdown(), StandardCharsets.UTF_8);
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Reliability: the fault matrix\n\n");
    b.append("Each row runs the daemon of `warmgate run` (and, where it applies, the Lambda handler) in-process against\n")
        .append("the emulator with the Windows-like boot profile (first boot about 6.5 simulated minutes), on an accelerated\n")
        .append("clock, with one fault injected. The row asserts its guarantee and records its figures; every row also\n")
        .append("asserts that the emulator's clock never ran later than its bound (`maxLateness`), so an overloaded machine\n")
        .append("fails the row loudly instead of passing or failing it wrongly. Two rows run `warmgate run` as it ships\n")
        .append("instead, its own process from the built CLI jar (`cli/target/warmgate-cli.jar`), killed with a real SIGKILL\n")
        .append("(exit status 137) and restarted: `DaemonKilledRow` and `QueueRedeliveryRow`. A process reads the wall\n")
        .append("clock, so their emulator runs at 1x with a Windows-like profile shortened to a first boot of about 30 s,\n")
        .append("and each process's output is kept in `e2e/target/reliability/ROW-process-N.log`.\n")
        .append("The rows run side by side; each is one\n")
        .append("class in `e2e/src/test/java/io/warmgate/e2e/faults`, run by `FaultMatrixTest` in every `mvn verify`.\n")
        .append("`-De2e.scenarios` runs longer variants.\n\n");
    b.append("This table is what the last run of this command wrote (it also writes the figures as JSON and each row's\n")
        .append("gate log to `e2e/target/reliability/`; `ApiFuzzTest` is the emulator's own fuzz row, which `FuzzRow` reports):\n\n");
    b.append("```\n").append(COMMAND).append("\n```\n\n");
    b.append("Produced ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(longRun ? "long variants" : "CI variants").append(", whole matrix ")
        .append(Figures.seconds(wall)).append(" real time. Durations in the figures are simulated unless marked real.\n\n");
    b.append("| row | fault | guarantee | result | figures | real time |\n|---|---|---|---|---|---|\n");
    for (FaultMatrixTest.RowRun run : runs) {
      b.append("| `").append(run.row.getClass().getSimpleName()).append("` | ").append(cell(run.row.fault()))
          .append(" | ").append(cell(run.row.guarantee())).append(" | ")
          .append(run.failure == null ? "pass" : "**FAIL**: " + cell(firstLine(run.failure.getMessage()))).append(" | ")
          .append(cell(run.figures.summary())).append(" | ").append(Figures.seconds(Duration.ofMillis(run.realMillis)))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    t = nl < 0 ? t : t.substring(0, nl);
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
