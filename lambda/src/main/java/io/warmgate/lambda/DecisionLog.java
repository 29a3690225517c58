package io.warmgate.lambda;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import io.warmgate.core.gate.GateOptions;
import io.warmgate.core.gate.RunBudget;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.Durations;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns the gate's reports into one structured JSON log line each (Powertools logging), and outcome
 * metrics.
 *
 * <p>Every line carries the fixed keys {@code event}, {@code group}, {@code hook}, {@code instanceId}
 * and {@code phase}; decision lines add {@code decision}, {@code reason} and {@code probes} (each probe's
 * name, pass/fail, detail and duration); finish lines add {@code outcome}, {@code reason}, {@code
 * probeCount} and, when ready, {@code timeToReadySeconds}. Thread-safe; never throws.
 */
public final class DecisionLog implements GateListener {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

  private final GateMetrics metrics;
  /** The invocation's logging context (request id, function name, ...), copied onto gate threads. */
  private volatile Map<String, String> invocation = Map.of();

  /** The function's run budget, known from the first invocation; null before it. */
  private volatile RunLimits limits;
  /** The hooks' phases already reported as too slow for the budget (one ERROR each per environment). */
  private final Set<String> tooShort = ConcurrentHashMap.newKeySet();

  private record RunLimits(Duration timeout, Duration margin, GateOptions options) {}

  /** Logs and records metrics with {@code metrics}. */
  public DecisionLog(GateMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Sets the logging context (Powertools' MDC fields) that lines written on the gate's own threads
   * carry. Lambda runs one invocation at a time per environment, and the gate's work for it ends
   * before it returns, so one current context is enough.
   */
  public void invocationContext(Map<String, String> mdc) {
    this.invocation = mdc == null ? Map.of() : Map.copyOf(mdc);
  }

  /** Runs a logging call with the invocation's MDC on this thread, restoring the thread's own after. */
  private void withContext(Runnable log) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.setContextMap(invocation);
    try {
      log.run();
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }

  /** Sets the function's timeout and safety margin, against which each policy's streak is checked. */
  void runLimits(Duration timeout, Duration margin, GateOptions options) {
    this.limits = new RunLimits(timeout, margin, options);
  }

  /**
   * Logs one ERROR per hook and phase whose policy a run of this function cannot hold: each run would
   * restart the streak and hand over before its settle ended, so a healthy instance would never get its
   * CONTINUE and the deadline would abandon it.
   */
  @Override
  public void policyResolved(LifecycleAction a, Phase phase, Map<String, String> settings) {
    try {
      RunLimits l = limits;
      if (l == null) {
        return;
      }
      Duration budget = l.timeout().minus(l.margin());
      Duration least = RunBudget.least(settings, l.options());
      if (least.compareTo(budget) <= 0 || !tooShort.add(a.groupName() + "/" + a.hookName() + "/" + phase)) {
        return;
      }
      String reason = "a run gets " + Durations.human(budget) + " (timeout " + Durations.human(l.timeout())
          + " less the " + Durations.human(l.margin()) + " safety margin) but " + phase + " needs "
          + Durations.human(least) + " (" + RunBudget.parts(settings, l.options()) + "); healthy instances would be"
          + " abandoned at the deadline; set the function's timeout to at least " + Durations.human(least.plus(l.margin()));
      withContext(() -> LOG.error(
          "time budget too short for hook {} of group {}: {}",
          a.hookName(),
          a.groupName(),
          reason,
          entry("event", "budgetTooShort"),
          entry("group", a.groupName()),
          entry("hook", a.hookName()),
          entry("instanceId", a.instanceId()),
          entry("phase", phase.name()),
          entry("reason", reason)));
    } catch (RuntimeException ex) {
      // A listener must not throw.
    }
  }

  @Override
  public void decisionMade(DecisionMade e) {
    try {
      LifecycleAction a = e.action();
      Decision d = e.decision();
      withContext(() -> LOG.info(
          "decision {} for {}",
          d.getClass().getSimpleName(),
          a.instanceId(),
          entry("event", "decision"),
          entry("group", a.groupName()),
          entry("hook", a.hookName()),
          entry("instanceId", a.instanceId()),
          entry("phase", e.phase().name()),
          entry("decision", d.getClass().getSimpleName()),
          entry("reason", d.reason()),
          entry("probes", probes(e.probes()))));
    } catch (RuntimeException ex) {
      // A listener must not throw.
    }
  }

  @Override
  public void heartbeatSent(LifecycleAction a, LifecycleActions.Outcome outcome, Instant at) {
    try {
      withContext(() -> LOG.info(
          "heartbeat {} for {}",
          outcome,
          a.instanceId(),
          entry("event", "heartbeat"),
          entry("group", a.groupName()),
          entry("hook", a.hookName()),
          entry("instanceId", a.instanceId()),
          entry("phase", a.phase().name()),
          entry("outcome", outcome.name())));
    } catch (RuntimeException ex) {
      // A listener must not throw.
    }
  }

  @Override
  public void actionFinished(ActionFinished f) {
    try {
      LifecycleAction a = f.action();
      List<Object> args = new ArrayList<>(List.of(
          f.outcome(),
          a.instanceId(),
          f.reason(),
          entry("event", "finished"),
          entry("group", a.groupName()),
          entry("hook", a.hookName()),
          entry("instanceId", a.instanceId()),
          entry("phase", f.phase().name()),
          entry("outcome", f.outcome().name()),
          entry("reason", f.reason()),
          entry("probeCount", f.probeCount())));
      f.timeToReady().ifPresent(t -> args.add(entry("timeToReadySeconds", t.toMillis() / 1000.0)));
      withContext(() -> LOG.info("finished {} for {}: {}", args.toArray()));
    } catch (RuntimeException ex) {
      // A listener must not throw.
    }
    metrics.actionFinished(f);
  }

  @Override
  public void portFailed(LifecycleAction a, GatePortException failure, Instant at) {
    try {
      withContext(() -> LOG.warn(
          "AWS call failed for {}: {}",
          a.instanceId(),
          failure.getMessage(),
          entry("event", "portFailed"),
          entry("group", a.groupName()),
          entry("hook", a.hookName()),
          entry("instanceId", a.instanceId()),
          entry("phase", a.phase().name()),
          entry("reason", String.valueOf(failure.getMessage())),
          entry("retryable", failure.retryable())));
    } catch (RuntimeException ex) {
      // A listener must not throw.
    }
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
