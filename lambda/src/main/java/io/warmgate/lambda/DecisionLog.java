package io.warmgate.lambda;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import io.warmgate.aws.log.LogLine;
import io.warmgate.aws.log.LogLines;
import io.warmgate.aws.runner.LifecycleDispatcher;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.core.gate.GateOptions;
import io.warmgate.core.gate.RunBudget;
import io.warmgate.core.model.Durations;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns the gate's and the dispatcher's reports into one structured JSON log line each (Powertools
 * logging), and outcome metrics.
 *
 * <p>The lines are {@link LogLines}', the mapping the daemon's log shares: every line about an action
 * carries the fixed keys {@code event}, {@code group}, {@code hook}, {@code instanceId} and {@code phase};
 * decision lines add {@code decision}, {@code reason} and {@code probes}; finish lines add {@code outcome},
 * {@code reason}, {@code probeCount}, {@code timeToReadySeconds} when ready and {@code fault} when the gate
 * itself broke. Thread-safe; never throws.
 */
public final class DecisionLog implements GateListener, LifecycleDispatcher.Listener {

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
    write(() -> LogLines.decision(e));
  }

  @Override
  public void heartbeatSent(LifecycleAction a, LifecycleActions.Outcome outcome, Instant at) {
    write(() -> LogLines.heartbeat(a, outcome, at));
  }

  @Override
  public void actionFinished(ActionFinished f) {
    write(() -> LogLines.finished(f));
    metrics.actionFinished(f);
  }

  @Override
  public void portFailed(LifecycleAction a, GatePortException failure, Instant at) {
    write(() -> LogLines.portFailed(a, failure, at));
  }

  /** Logs a message the dispatcher did not gate (a gated one's run is logged by the events above). */
  @Override
  public void messageHandled(MessageOutcome outcome) {
    write(() -> LogLines.message(outcome).orElse(null));
  }

  /** Writes a mapped line as Powertools' structured entries, with the invocation's context; never throws. */
  private void write(Supplier<LogLine> mapped) {
    try {
      LogLine line = mapped.get();
      if (line == null) {
        return;
      }
      List<Object> args = new ArrayList<>();
      // The message as an argument, never as the format: a reason may hold "{}".
      args.add(line.message());
      args.add(entry("event", line.event()));
      line.fields().forEach((k, v) -> args.add(entry(k, v)));
      Object[] all = args.toArray();
      withContext(() -> {
        switch (line.level()) {
          case ERROR -> LOG.error("{}", all);
          case WARN -> LOG.warn("{}", all);
          case INFO -> LOG.info("{}", all);
          case DEBUG -> LOG.debug("{}", all);
          case TRACE -> LOG.trace("{}", all);
        }
      });
    } catch (RuntimeException ex) {
      // A listener must not throw.
    }
  }
}
