package io.warmgate.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.model.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The daemon's log lines as a person at a terminal wants them: one line per decision that matters and one
 * progress line per sweep, instead of one JSON object per probe round.
 *
 * <p>It reads the same structured lines that {@link JsonLogListener} writes as JSON, so both outputs say the same
 * things under the same field names. What it leaves out: a {@code Wait} whose reason says nothing new for that
 * instance (only numbers changed: "1 of 3 consecutive passes" then "2 of 3"), a sweep's problems already shown by the
 * sweep before, and {@code DEBUG} lines. Every action's first decision, its heartbeats, its end, failures and
 * warnings are always shown. An unknown event is shown as {@code level event: message}, so nothing new is lost.
 *
 * <p>Thread-safe: each line is rendered and written under a lock. Never throws on a line's content.
 */
public final class ConsoleSummary implements Consumer<ObjectNode> {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  private final PrintStream out;
  private final ZoneId zone;
  // The last Wait reason shown per action, with its digits blanked: bounded by the actions in flight, and each
  // entry is dropped when its action finishes.
  private final Map<String, String> lastWait = new HashMap<>();
  private String lastSweepProblems = "";

  /**
   * @param out where the lines go (the daemon's stdout, a terminal)
   * @param zone the time zone of each line's clock time
   */
  public ConsoleSummary(PrintStream out, ZoneId zone) {
    this.out = Objects.requireNonNull(out, "out");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public synchronized void accept(ObjectNode line) {
    String text = render(line);
    if (text != null) {
      out.println(clock(line) + "  " + text);
      out.flush();
    }
  }

  /** The human line for {@code line}, or null to leave it out. */
  private String render(ObjectNode line) {
    String level = text(line, "level");
    String event = text(line, "event");
    String instance = text(line, "instanceId");
    String key = text(line, "group") + '/' + text(line, "hook") + '/' + instance;
    if (level.equals("DEBUG")) {
      return null;
    }
    switch (event) {
      case "decision" -> {
        String decision = text(line, "decision");
        String reason = text(line, "reason");
        if (!decision.equals("Wait")) {
          return null; // its "finished" line follows and says the same with the outcome
        }
        String shape = reason.replaceAll("[0-9]+", "#");
        if (shape.equals(lastWait.put(key, shape))) {
          return null;
        }
        return instance + "  " + text(line, "phase") + "  waits: " + clockTimes(reason) + failingProbe(line);
      }
      case "heartbeat" -> {
        return instance + "  heartbeat sent (" + text(line, "outcome") + ")";
      }
      case "finished" -> {
        lastWait.remove(key);
        JsonNode seconds = line.get("timeToReadySeconds");
        String after = seconds != null && seconds.isNumber()
            ? " after " + Durations.humanRounded(Duration.ofMillis(Math.round(seconds.asDouble() * 1000))) : "";
        String fault = text(line, "fault");
        return (level.equals("INFO") ? "" : level + " ") + instance + "  " + text(line, "outcome") + after + " ("
            + line.path("probeCount").asLong() + " probe rounds): " + text(line, "reason")
            + (fault.isEmpty() ? "" : " (fault: " + fault + ")");
      }
      case "sweep" -> {
        String problems = text(line, "reason");
        String progress = "sweep: " + plural(line.path("groups").asLong(), "group") + ", "
            + line.path("waiting").asLong() + " waiting, " + line.path("finished").asLong() + " finished";
        if (problems.isEmpty() || problems.equals(lastSweepProblems)) {
          lastSweepProblems = problems;
          return progress + (problems.isEmpty() ? "" : " (problems as before)");
        }
        lastSweepProblems = problems;
        return progress + "\n          WARN " + problems;
      }
      case "started" -> {
        String listen = text(line, "listen");
        return "started: sweeping every " + Durations.human(Duration.ofSeconds(line.path("sweepIntervalSeconds").asLong()))
            + (listen.isEmpty() ? ", not listening for events" : ", events to " + listen) + " (Ctrl-C stops)";
      }
      case "port-failed" -> {
        return "WARN " + instance + "  AWS call failed" + (line.path("retryable").asBoolean() ? " (retried later)" : "")
            + ": " + text(line, "reason");
      }
      default -> {
        String message = text(line, "message").isEmpty() ? text(line, "reason") : text(line, "message");
        return (level.equals("INFO") ? "" : level + " ") + (event.equals("endpoint") || event.equals("config")
            ? message : event + ": " + message);
      }
    }
  }

  /** {@code reason} with its instants ({@code 2026-12-06T08:18:54.864901043Z}) as clock times, as the lines start. */
  private String clockTimes(String reason) {
    return INSTANT.matcher(reason).replaceAll(m -> {
      try {
        return CLOCK.format(Instant.parse(m.group()).atZone(zone));
      } catch (DateTimeParseException e) {
        return m.group();
      }
    });
  }

  /** The first failing probe's detail, when a round failed: what a person needs to see why it waits. */
  private static String failingProbe(ObjectNode line) {
    for (JsonNode probe : line.path("probes")) {
      if (!probe.path("passed").asBoolean(true)) {
        return " [" + probe.path("probe").asText() + ": " + probe.path("detail").asText() + "]";
      }
    }
    return "";
  }

  private String clock(ObjectNode line) {
    try {
      return CLOCK.format(Instant.parse(text(line, "time")).atZone(zone));
    } catch (DateTimeParseException e) {
      return "--:--:--";
    }
  }

  private static String text(ObjectNode line, String field) {
    JsonNode v = line.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
