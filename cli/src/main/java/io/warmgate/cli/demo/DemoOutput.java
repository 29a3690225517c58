package io.warmgate.cli.demo;

import io.warmgate.core.model.Durations;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats a {@link DemoResult} as the summary table people read, or as one JSON object. */
public final class DemoOutput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoOutput() {}

  /**
   * The summary table, one row per story, aligned for a fixed-width terminal. Columns: time to serve the
   * scale-out, InService and healthy at the end, instances served from the warm pool, corrupted, abandoned
   * at the deadline (and replaced), failed the health check in service (and replaced), hook timeouts,
   * lifecycle API calls (heartbeats and completions), instances launched.
   */
  public static String table(DemoResult result) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"story", "scale-out +" + result.settings().scale(), "healthy", "from pool", "corrupted",
        "abandoned", "unhealthy", "hook timeouts", "API calls", "launched"});
    for (StoryResult s : result.stories()) {
      rows.add(new String[] {
        s.kind().title(),
        s.scaleOutTime().map(Durations::humanRounded).orElse("NOT served"),
        s.healthyInService() + "/" + s.target(),
        String.valueOf(s.servedFromPool()),
        String.valueOf(s.corrupted()),
        String.valueOf(s.abandoned()),
        String.valueOf(s.replacedUnhealthy()),
        String.valueOf(s.hookTimeouts()),
        String.valueOf(s.lifecycleCalls()),
        String.valueOf(s.launched())
      });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int i = 0; i < row.length; i++) {
        String cell = i == 0 ? pad(row[i], widths[i]) : padLeft(row[i], widths[i]);
        out.append(cell).append(i == row.length - 1 ? "" : "  ");
      }
      out.append('\n');
      if (r == 0) {
        int total = 0;
        for (int w : widths) {
          total += w + 2;
        }
        out.append("-".repeat(total - 2)).append('\n');
      }
    }
    out.append(String.format(Locale.ROOT, "%s simulated in %s real at %.0fx, seed %d%n",
        Durations.humanRounded(result.simulated()), Durations.humanRounded(result.real()), result.settings().speed(), result.settings().seed()));
    return out.toString();
  }

  /** Why the figures are not results, for a run whose machine did not keep up (see {@link DemoResult#valid()}). */
  public static String invalid(DemoResult result) {
    return String.format(Locale.ROOT,
        "error: the machine could not keep up at --speed %.0f: the emulator's timers ran up to %s (simulated) late, "
            + "past the %s bound, so every figure of this run would be wrong; no results. Try a lower --speed "
            + "(the default is 60).",
        result.settings().speed(), Durations.human(result.maxLateness()), Durations.human(DemoResult.LATENESS_BOUND));
  }

  /** The whole result as one JSON object: {@code {"type":"summary","stories":[...],...}}. */
  public static ObjectNode json(DemoResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "summary");
    root.put("seed", result.settings().seed());
    root.put("speed", result.settings().speed());
    root.put("scale", result.settings().scale());
    root.put("simulatedSeconds", result.simulated().toSeconds());
    root.put("realSeconds", result.real().toMillis() / 1000.0);
    root.put("asExpected", result.asExpected());
    root.put("valid", result.valid());
    root.put("maxTimerLatenessSeconds", result.maxLateness().toMillis() / 1000.0);
    result.report().ifPresent(p -> root.put("report", p.toAbsolutePath().toString()));
    ArrayNode stories = root.putArray("stories");
    for (StoryResult s : result.stories()) {
      ObjectNode n = stories.addObject();
      n.put("story", s.kind().id());
      n.put("title", s.kind().title());
      n.put("scaledOut", s.scaledOut());
      if (s.scaleOutTime().isPresent()) {
        n.put("scaleOutSeconds", s.scaleOutTime().get().toSeconds());
      } else {
        n.putNull("scaleOutSeconds");
      }
      n.put("target", s.target());
      n.put("healthyInService", s.healthyInService());
      n.put("servedFromPool", s.servedFromPool());
      n.put("corrupted", s.corrupted());
      n.put("abandoned", s.abandoned());
      n.put("replacedUnhealthy", s.replacedUnhealthy());
      n.put("hookTimeouts", s.hookTimeouts());
      n.put("lifecycleCalls", s.lifecycleCalls());
      n.put("launched", s.launched());
      if (s.poolFilledAfter().isPresent()) {
        n.put("poolFilledSeconds", s.poolFilledAfter().get().toSeconds());
      } else {
        n.putNull("poolFilledSeconds");
      }
    }
    return root;
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
