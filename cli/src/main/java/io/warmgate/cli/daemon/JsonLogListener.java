package io.warmgate.cli.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.aws.log.LogLine;
import io.warmgate.aws.log.LogLines;
import io.warmgate.aws.runner.LifecycleDispatcher;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
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
 * Writes what the gate and the dispatcher report as JSON lines, one per decision, heartbeat, finished
 * action, port failure and message not gated, under the fixed keys {@code time}, {@code level}, {@code
 * event}, {@code group}, {@code hook}, {@code instanceId}, {@code phase}, {@code decision}, {@code reason}
 * and the others of {@link LogLines}, the mapping the Lambda function's log shares: as JSON lines, or through
 * another sink that renders the same lines ({@link ConsoleSummary}, for a terminal).
 *
 * <p>Thread-safe: each line is written whole under a lock. Never throws.
 */
public final class JsonLogListener implements GateListener, LifecycleDispatcher.Listener {

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
    write(LogLines.decision(event));
  }

  @Override
  public void heartbeatSent(LifecycleAction action, LifecycleActions.Outcome outcome, Instant at) {
    write(LogLines.heartbeat(action, outcome, at));
  }

  @Override
  public void actionFinished(ActionFinished event) {
    write(LogLines.finished(event));
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
    write(LogLines.policy(action, phase, settings));
  }

  @Override
  public void portFailed(LifecycleAction action, GatePortException failure, Instant at) {
    write(LogLines.portFailed(action, failure, at));
  }

  /** Logs a message the dispatcher did not gate (a gated one's run is logged by the events above). */
  @Override
  public void messageHandled(MessageOutcome outcome) {
    LogLines.message(outcome).ifPresent(this::write);
  }

  /** Writes one mapped line: {@code time} (the event's, else the clock's), {@code level}, {@code event}, its fields, {@code message}. */
  void write(LogLine line) {
    try {
      ObjectNode node = JSON.createObjectNode();
      node.put("time", line.at().orElseGet(clock::instant).toString());
      node.put("level", line.level().name());
      node.put("event", line.event());
      line.fields().forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
      node.put("message", line.message());
      write(node);
    } catch (RuntimeException e) {
      // A listener must not throw; a line that cannot be written is lost, the gate's work is not.
    }
  }
}
