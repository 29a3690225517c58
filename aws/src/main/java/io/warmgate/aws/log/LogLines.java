package io.warmgate.aws.log;

import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.DecisionMade;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * The one mapping from gate events and message outcomes to log lines. Every line about an action carries
 * {@code group}, {@code hook}, {@code instanceId} and {@code phase}; then, by event:
 *
 * <table>
 *   <caption>events</caption>
 *   <tr><th>event</th><th>level</th><th>keys</th></tr>
 *   <tr><td>{@code policy}</td><td>INFO</td><td>{@code settings}: the effective policy of a hook's phase</td></tr>
 *   <tr><td>{@code decision}</td><td>INFO</td><td>{@code decision} ({@code Continue}, {@code Abandon},
 *       {@code Wait}, {@code Stop}), {@code reason}, {@code probes} (each {@code probe}, {@code passed},
 *       {@code detail}, {@code tookMs}); a Wait adds {@code nextCheckAt} and {@code heartbeatNow}</td></tr>
 *   <tr><td>{@code heartbeat}</td><td>INFO</td><td>{@code outcome} ({@code ACCEPTED}, {@code NOT_ACTIVE})</td></tr>
 *   <tr><td>{@code finished}</td><td>INFO; WARN when FAILED; ERROR with a fault</td><td>{@code outcome},
 *       {@code reason}, {@code probeCount}, {@code timeToReadySeconds} when ready, {@code fault} when the gate
 *       itself broke</td></tr>
 *   <tr><td>{@code port-failed}</td><td>WARN</td><td>{@code reason}, {@code retryable}</td></tr>
 *   <tr><td>{@code not-managed}, {@code groups-unknown}, {@code no-budget}, {@code event-after-shutdown},
 *       {@code test-notification}, {@code ignored}, {@code malformed}</td><td>see {@link #message}</td><td>a
 *       message that was not gated: {@code reason}, {@code disposition} ({@code DONE}, {@code RETRY}); an
 *       action's adds its keys, a test notification its {@code group}</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe; never throws for a well-formed event.
 */
public final class LogLines {

  private LogLines() {}

  /** A hook's effective policy for a phase (the startup line shows only the base layers). */
  public static LogLine policy(LifecycleAction action, Phase phase, Map<String, String> settings) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("group", action.groupName());
    f.put("hook", action.hookName());
    f.put("phase", phase.name());
    f.put("settings", new LinkedHashMap<>(settings));
    return new LogLine(Level.INFO, "policy", "effective policy of hook " + action.hookName() + " (group "
        + action.groupName() + ", " + phase + "): " + settings, Optional.empty(), f);
  }

  /** One decision, with the probe results it was based on. */
  public static LogLine decision(DecisionMade event) {
    Decision d = event.decision();
    Map<String, Object> f = action(event.action(), event.phase());
    f.put("decision", name(d));
    f.put("reason", d.reason());
    if (d instanceof Decision.Wait wait) {
      f.put("nextCheckAt", wait.nextCheckAt().toString());
      f.put("heartbeatNow", wait.heartbeatNow());
    }
    f.put("probes", probes(event.probes()));
    return new LogLine(Level.INFO, "decision", "decision " + name(d) + " for " + event.action().instanceId() + ": "
        + d.reason(), Optional.of(event.at()), f);
  }

  /** A heartbeat sent, and Auto Scaling's answer. */
  public static LogLine heartbeat(LifecycleAction action, LifecycleActions.Outcome outcome, Instant at) {
    Map<String, Object> f = action(action, action.phase());
    f.put("outcome", outcome.name());
    return new LogLine(Level.INFO, "heartbeat", "heartbeat " + outcome + " for " + action.instanceId(), Optional.of(at), f);
  }

  /** The end of a run. */
  public static LogLine finished(ActionFinished event) {
    Map<String, Object> f = action(event.action(), event.phase());
    f.put("outcome", event.outcome().name());
    f.put("reason", event.reason());
    f.put("probeCount", event.probeCount());
    event.timeToReady().ifPresent(t -> f.put("timeToReadySeconds", t.toMillis() / 1000.0));
    event.fault().ifPresent(t -> f.put("fault", String.valueOf(t)));
    Level level = event.fault().isPresent() ? Level.ERROR : event.outcome() == Outcome.FAILED ? Level.WARN : Level.INFO;
    return new LogLine(level, "finished", "finished " + event.outcome() + " for " + event.action().instanceId() + ": "
        + event.reason(), Optional.of(event.at()), f);
  }

  /** A port call that failed after the adapter's own retries. */
  public static LogLine portFailed(LifecycleAction action, GatePortException failure, Instant at) {
    Map<String, Object> f = action(action, action.phase());
    f.put("reason", String.valueOf(failure.getMessage()));
    f.put("retryable", failure.retryable());
    return new LogLine(Level.WARN, "port-failed", "AWS call failed for " + action.instanceId() + ": "
        + failure.getMessage(), Optional.of(at), f);
  }

  /**
   * A message the dispatcher did not give to the gate; empty for a gated one, whose run the gate's own
   * events report ({@link #finished}).
   */
  public static Optional<LogLine> message(MessageOutcome outcome) {
    Map<String, Object> f = new LinkedHashMap<>();
    outcome.action().ifPresent(a -> f.putAll(action(a, a.phase())));
    if (outcome.message() instanceof LifecycleMessage.TestNotification t) {
      f.put("group", t.groupName());
    }
    f.put("reason", outcome.reason());
    f.put("disposition", outcome.disposition().name());
    String event = switch (outcome.kind()) {
      case GATED -> null;
      case NOT_MANAGED -> "not-managed";
      case GROUPS_UNKNOWN -> "groups-unknown";
      case NO_BUDGET -> "no-budget";
      case SHUT_DOWN -> "event-after-shutdown";
      case TEST_NOTIFICATION -> "test-notification";
      case IGNORED -> "ignored";
      case MALFORMED -> "malformed";
    };
    if (event == null) {
      return Optional.empty();
    }
    Level level = switch (outcome.kind()) {
      case GATED, NOT_MANAGED, SHUT_DOWN, TEST_NOTIFICATION -> Level.INFO;
      // A listener may receive a whole account's events: one line each only when asked for.
      case IGNORED -> Level.DEBUG;
      case GROUPS_UNKNOWN, NO_BUDGET, MALFORMED -> Level.WARN;
    };
    return Optional.of(new LogLine(level, event, outcome.reason(), Optional.empty(), f));
  }

  private static Map<String, Object> action(LifecycleAction action, Phase phase) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("group", action.groupName());
    f.put("hook", action.hookName());
    f.put("instanceId", action.instanceId());
    f.put("phase", phase.name());
    return f;
  }

  /** The decision's name as logged: {@code Continue}, {@code Abandon}, {@code Wait} or {@code Stop}. */
  static String name(Decision decision) {
    // Java 17 has no pattern switch; the record's simple name is the decision's name.
    return decision.getClass().getSimpleName();
  }

  private static List<Map<String, Object>> probes(List<ProbeResult> results) {
    return results.stream()
        .map(r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("probe", r.probe());
          m.put("passed", r.passed());
          m.put("detail", r.detail());
          m.put("tookMs", r.took().toMillis());
          return m;
        })
        .toList();
  }
}
