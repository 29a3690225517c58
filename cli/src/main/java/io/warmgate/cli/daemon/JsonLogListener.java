package io.warmgate.cli.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Writes what the gate does as structured lines, one per decision, heartbeat, finished action and port
 * failure, under the fixed keys {@code time}, {@code level}, {@code event}, {@code group}, {@code hook},
 * {@code instanceId}, {@code phase}, {@code decision}, {@code reason}: as JSON lines, or through another sink
 * that renders the same lines ({@link ConsoleSummary}, for a terminal).
 *
 * <p>Thread-safe: each line is written whole under a lock. Never throws.
 */
public final class JsonLogListener implements GateListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<ObjectNode> sink;
  private final Clock clock;
  // One entry per group, hook and phase: bounded by what the daemon manages.
  private final Map<String, Map<String, String>> policies = new ConcurrentHashMap<>();

  /**
   * @param out where the lines go (stdout for the daemon)
   * @param clock stamps each line: the gate's own clock ({@code Scheduler.asClock()}), so that under the
   *     emulator's accelerated clock the log's times agree with the decisions' times
   */
  public JsonLogListener(PrintStream out, Clock clock) {
    this(jsonLines(out), clock);
  }

  /**
   * @param sink receives each line whole, one call at a time
   * @param clock stamps each line, as above
   */
  public JsonLogListener(Consumer<ObjectNode> sink, Clock clock) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The sink that prints each line as one JSON object. */
  public static Consumer<ObjectNode> jsonLines(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return node -> {
      synchronized (out) {
        out.println(node);
        out.flush();
      }
    };
  }

  /** Writes one free-form line: {@code {"time":..,"level":..,"event":..,"message":..}}. */
  public void log(String level, String event, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", clock.instant().toString());
    node.put("level", level);
    node.put("event", event);
    node.put("message", message);
    write(node);
  }

  /** Writes one line built by the caller; {@code time} is added if absent. */
  public void write(ObjectNode node) {
    if (!node.has("time")) {
      // Keep "time" the first key on every line.
      ObjectNode timed = JSON.createObjectNode();
      timed.put("time", clock.instant().toString());
      timed.setAll(node);
      node = timed;
    }
    synchronized (sink) {
      sink.accept(node);
    }
  }

  @Override
  public void decisionMade(DecisionMade event) {
    ObjectNode node = base("INFO", "decision", event.action(), event.at());
    node.put("phase", event.phase().name());
    node.put("decision", name(event.decision()));
    node.put("reason", event.decision().reason());
    if (event.decision() instanceof Decision.Wait wait) {
      node.put("nextCheckAt", wait.nextCheckAt().toString());
      node.put("heartbeatNow", wait.heartbeatNow());
    }
    ArrayNode probes = node.putArray("probes");
    for (ProbeResult p : event.probes()) {
      ObjectNode pn = probes.addObject();
      pn.put("probe", p.probe());
      pn.put("passed", p.passed());
      pn.put("detail", p.detail());
      pn.put("tookMs", p.took().toMillis());
    }
    write(node);
  }

  @Override
  public void heartbeatSent(LifecycleAction action, LifecycleActions.Outcome outcome, Instant at) {
    ObjectNode node = base("INFO", "heartbeat", action, at);
    node.put("outcome", outcome.name());
    write(node);
  }

  @Override
  public void actionFinished(ActionFinished event) {
    ObjectNode node = base("INFO", "finished", event.action(), event.at());
    node.put("phase", event.phase().name());
    node.put("outcome", event.outcome().name());
    node.put("reason", event.reason());
    node.put("probeCount", event.probeCount());
    event.timeToReady().ifPresent(d -> node.put("timeToReadySeconds", d.toSeconds()));
    write(node);
  }

  /**
   * Logs a hook's effective policy for a phase the first time it is seen, and again when it changes (the
   * hook's metadata was edited): the startup line shows only the base layers, which a hook overrides.
   */
  @Override
  public void policyResolved(LifecycleAction action, Phase phase, Map<String, String> settings) {
    String key = action.groupName() + '\n' + action.hookName() + '\n' + phase;
    if (settings.equals(policies.put(key, settings))) {
      return;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("level", "INFO");
    node.put("event", "policy");
    node.put("group", action.groupName());
    node.put("hook", action.hookName());
    node.put("phase", phase.name());
    node.put("message", "effective policy of hook " + action.hookName() + " (group " + action.groupName() + ", "
        + phase + "): " + settings);
    write(node);
  }

  @Override
  public void portFailed(LifecycleAction action, GatePortException failure, Instant at) {
    ObjectNode node = base("WARN", "port-failed", action, at);
    node.put("reason", String.valueOf(failure.getMessage()));
    node.put("retryable", failure.retryable());
    write(node);
  }

  private static ObjectNode base(String level, String event, LifecycleAction action, Instant at) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", at.toString());
    node.put("level", level);
    node.put("event", event);
    node.put("group", action.groupName());
    node.put("hook", action.hookName());
    node.put("instanceId", action.instanceId());
    return node;
  }

  /** The decision's name as logged: {@code Continue}, {@code Abandon}, {@code Wait} or {@code Stop}. */
  static String name(Decision decision) {
    // Java 17 has no pattern switch; the record's simple name is the decision's name.
    return decision.getClass().getSimpleName();
  }
}
