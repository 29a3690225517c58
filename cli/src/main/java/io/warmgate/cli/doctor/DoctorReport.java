package io.warmgate.cli.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.doctor.Finding;
import io.warmgate.core.doctor.GroupReport;
import io.warmgate.core.doctor.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders doctor's findings, for people or as JSON, and says the exit code they call for. */
public final class DoctorReport {

  private static final int WIDTH = 100;
  private static final String RESET = "\u001b[0m";

  private final List<GroupReport> groups;

  /** A report over these groups, in this order. */
  public DoctorReport(List<GroupReport> groups) {
    this.groups = List.copyOf(groups);
  }

  /** The most severe finding over all groups, or empty when there is none. */
  public Optional<Severity> worst() {
    return groups.stream().flatMap(g -> g.worst().stream()).min(Enum::compareTo);
  }

  /**
   * {@code {"groups":[{"group":NAME,"findings":[{"id":..,"severity":..,"summary":..,"detail":..,"fix":..}]}]}},
   * on one line.
   */
  public String json() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray("groups");
    for (GroupReport g : groups) {
      ObjectNode group = list.addObject();
      group.put("group", g.group());
      ArrayNode findings = group.putArray("findings");
      for (Finding f : g.findings()) {
        findings.addObject().put("id", f.id()).put("severity", f.severity().wireName()).put("summary", f.summary())
            .put("detail", f.detail()).put("fix", f.fix());
      }
    }
    return root.toString();
  }

  /** Writes the findings grouped by group, worst first, with ANSI colours when {@code color}. */
  public void print(PrintWriter out, boolean color) {
    for (GroupReport g : groups) {
      out.println(bold("group " + g.group(), color) + ": " + counts(g));
      for (Finding f : g.findings()) {
        String label = String.format(Locale.ROOT, "%-7s", f.severity().name());
        out.println("  " + paint(label, f.severity(), color) + " " + bold(f.id(), color) + ": " + f.summary());
        wrap(f.detail(), "          ").forEach(out::println);
        wrap("fix: " + f.fix(), "          ").forEach(out::println);
      }
      out.println();
    }
    out.flush();
  }

  private static String counts(GroupReport g) {
    if (g.findings().isEmpty()) {
      return "no findings";
    }
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      long n = g.findings().stream().filter(f -> f.severity() == s).count();
      if (n > 0) {
        parts.add(n + " " + s.wireName() + (n == 1 ? "" : "s"));
      }
    }
    return String.join(", ", parts);
  }

  private static String paint(String text, Severity s, boolean color) {
    if (!color) {
      return text;
    }
    String code = switch (s) {
      case ERROR -> "\u001b[1;31m";
      case WARNING -> "\u001b[33m";
      case INFO -> "\u001b[36m";
    };
    return code + text + RESET;
  }

  private static String bold(String text, boolean color) {
    return color ? "\u001b[1m" + text + RESET : text;
  }

  /** Breaks text into lines of at most {@link #WIDTH} characters at spaces, each starting with {@code indent}. */
  static List<String> wrap(String text, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
