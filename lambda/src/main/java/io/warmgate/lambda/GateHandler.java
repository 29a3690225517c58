package io.warmgate.lambda;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.core.gate.SweepReport;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Lambda entry point ({@code io.warmgate.lambda.GateHandler::handleRequest}): gates lifecycle
 * events within the invocation's time, and sweeps the managed groups on a schedule.
 *
 * <p>Input, told apart by shape:
 *
 * <ul>
 *   <li>an EventBridge {@code Scheduled Event} from {@code aws.events}: a sweep lists the instances
 *       waiting in the managed groups ({@code WARMGATE_GROUPS} plus groups tagged {@code
 *       WARMGATE_MANAGED_TAG=true}) and gates each, concurrently;
 *   <li>an EventBridge lifecycle action event, a lifecycle notification (SQS/SNS body), or an SQS/SNS
 *       batch of them: each action is gated. The group is not checked against the managed list here:
 *       the trigger (an EventBridge rule matching the group and hook, or a hook's own notification
 *       target) already chooses which actions arrive, and the role may complete actions of its groups
 *       only. The sweep, which finds actions itself, covers the managed groups only;
 *   <li>test notifications and other events are acknowledged with one log line; garbage gets one
 *       warning line. Neither fails the invocation, so nothing retries garbage forever.
 * </ul>
 *
 * <p>Each lifecycle message goes through the {@link io.warmgate.aws.runner.LifecycleDispatcher}, the port
 * every runner shares. An invocation in which a run failed on the gate's own fault (an {@link Error} or an
 * unexpected exception in its code or packaging, such as a class missing from the jar) ends as a function
 * error, after every other message has been handled ({@link GateFaultException}), so Lambda's asynchronous
 * retries, the dead-letter queue and its alarm see it. AWS answers and throttling do not: the gate retries
 * them within the budget, logs and counts them, and the next sweep resumes the action.
 *
 * <p>All work ends {@code WARMGATE_LAMBDA_SAFETY_MARGIN} (default 10 s) before Lambda's deadline; what
 * is still waiting then is handed over to the next sweep. The object graph is built once per
 * execution environment, during init, without network calls. The response is a small JSON summary
 * of what was done. Thread-safe, though Lambda calls it one invocation at a time.
 */
public final class GateHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(GateHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lambda's own payload limit is 6 MB; anything larger is not from a real trigger. */
  private static final int MAX_PAYLOAD = 6 * 1024 * 1024;
  /** The budget when there is no Lambda context (local runs): one minute. */
  private static final Duration NO_CONTEXT_BUDGET = Duration.ofSeconds(60);

  /** Built on first use of the no-argument constructor, i.e. during Lambda's init phase. */
  private static final class Default {
    static final GateRuntime RUNTIME = init();
    // CRaC holds resources weakly: this reference keeps the SnapStart hook alive.
    static final SnapStartPriming PRIMING = new SnapStartPriming(RUNTIME);

    static {
      org.crac.Core.getGlobalContext().register(PRIMING);
    }

    private static GateRuntime init() {
      try {
        GateRuntime runtime = GateRuntime.fromEnvironment(System.getenv());
        logConfiguration(runtime);
        return runtime;
      } catch (RuntimeException e) {
        LOG.error("warmgate cannot start: {}", e.getMessage(), entry("event", "initFailed"), e);
        throw e;
      }
    }
  }

  private final GateRuntime runtime;
  // The function's timeout is only known from an invocation's context: taken from the first one.
  private final AtomicBoolean limitsKnown = new AtomicBoolean();

  /** Runs the SnapStart priming of the shared object graph now, as the snapshot would (local harnesses). */
  static void primeForSnapshot() {
    Default.PRIMING.prime();
  }

  /** Used by Lambda: the shared object graph built from the process environment (logged once). */
  public GateHandler() {
    this.runtime = Default.RUNTIME;
  }

  /** Uses the given object graph (tests, local harnesses) and logs its configuration. */
  public GateHandler(GateRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    logConfiguration(runtime);
  }

  private static void logConfiguration(GateRuntime runtime) {
    Map<String, String> config = runtime.describe();
    LOG.info(
        "warmgate configuration",
        entry("event", "configuration"),
        entry("lambda", config.get("lambda")),
        entry("aws", config.get("aws")),
        entry("policies", config.get("policies")));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] payload = input.readNBytes(MAX_PAYLOAD + 1);
    ObjectNode summary =
        context == null
            ? guarded(payload, null)
            : PowertoolsLogging.withLogging(context, () -> guarded(payload, context));
    output.write(JSON.writeValueAsBytes(summary));
    output.flush();
  }

  /**
   * Handles the payload. A fault (a run's, or the handler's own: a bug or a packaging fault, not bad input
   * and not an AWS answer) is logged with its stack trace, counted against the configured groups, and
   * thrown, so the invocation ends as a function error that Lambda retries and sends to the dead-letter
   * queue.
   */
  private ObjectNode guarded(byte[] payload, Context context) {
    runtime.decisionLog.invocationContext(MDC.getCopyOfContextMap());
    try {
      return handle(payload, context);
    } catch (GateFaultException e) {
      // Logged where it was found; a run's fault was counted as its FAILED outcome.
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.error("unexpected failure; failing the invocation so that Lambda retries it: {}", e.toString(),
          entry("event", "handlerFailed"), e);
      runtime.settings.groups().forEach(runtime.metrics::gateError);
      throw e;
    }
  }

  private ObjectNode handle(byte[] payload, Context context) {
    Instant now = runtime.scheduler.now();
    Duration remaining = context == null ? NO_CONTEXT_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis());
    Instant budgetEnd = now.plus(remaining).minus(runtime.settings.safetyMargin());
    if (context != null && limitsKnown.compareAndSet(false, true)) {
      // Timeouts are whole seconds; the first invocation starts a moment into its own.
      Duration timeout = Duration.ofSeconds((remaining.toMillis() + 999) / 1000);
      runtime.decisionLog.runLimits(timeout, runtime.settings.safetyMargin(), runtime.gate.options());
    }
    ObjectNode summary = JSON.createObjectNode();
    if (payload.length > MAX_PAYLOAD) {
      return malformed(summary, "payload larger than " + MAX_PAYLOAD + " bytes");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(payload);
    } catch (IOException e) {
      return malformed(summary, "not JSON: " + excerpt(new String(payload, StandardCharsets.UTF_8)));
    }
    if (tree == null || tree.isMissingNode()) {
      return malformed(summary, "empty payload");
    }
    if (isScheduled(tree)) {
      return sweep(summary, budgetEnd);
    }
    return lifecycle(summary, runtime.parser.parseAll(tree), budgetEnd);
  }

  /** True for EventBridge's scheduled events, which trigger a sweep. */
  static boolean isScheduled(JsonNode tree) {
    return "aws.events".equals(tree.path("source").asText(null))
        && "Scheduled Event".equals(tree.path("detail-type").asText(null));
  }

  private ObjectNode sweep(ObjectNode summary, Instant budgetEnd) {
    summary.put("kind", "sweep");
    CompletableFuture<SweepReport> stage = runtime.sweeper.sweep(budgetEnd).toCompletableFuture();
    SweepReport report = await(stage, budgetEnd);
    if (report == null) {
      LOG.warn("sweep did not finish before the deadline; the next sweep resumes it", entry("event", "sweepTimedOut"));
      summary.put("timedOut", true);
      return summary;
    }
    for (String problem : report.problems()) {
      LOG.warn("sweep problem: {}", problem, entry("event", "sweepProblem"), entry("reason", problem));
      // Count it against the groups it names, else against every configured group (a failed listing
      // leaves all of them unswept), so each group's GateErrors alarm sees it.
      List<String> named = runtime.settings.groups().stream().filter(problem::contains).toList();
      List<String> blamed = !named.isEmpty() ? named
          : runtime.settings.groups().isEmpty() ? List.of("unknown") : runtime.settings.groups();
      blamed.forEach(runtime.metrics::gateError);
    }
    LOG.info(
        "sweep finished: {} groups, {} waiting, outcomes {}",
        report.groups(),
        report.waiting(),
        report.outcomes(),
        entry("event", "sweepFinished"),
        entry("groups", report.groups()),
        entry("waiting", report.waiting()),
        entry("outcomes", report.outcomes()));
    summary.put("groups", report.groups());
    summary.put("waiting", report.waiting());
    putOutcomes(summary, report.finished());
    summary.putPOJO("problems", report.problems());
    failLoudly(summary, report.allFaults());
    return summary;
  }

  private ObjectNode lifecycle(ObjectNode summary, List<LifecycleMessage> messages, Instant budgetEnd) {
    summary.put("kind", "lifecycle");
    List<CompletableFuture<MessageOutcome>> pending = runtime.dispatcher.dispatch(messages, budgetEnd).stream()
        .map(CompletionStage::toCompletableFuture).toList();
    CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
    // allOf completes with null: whether it finished is isDone(), not the value await returns.
    await(all, budgetEnd);
    List<MessageOutcome> outcomes = pending.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
    if (outcomes.size() < pending.size()) {
      LOG.warn("{} actions still running at the deadline; the next sweep resumes them", pending.size() - outcomes.size(),
          entry("event", "handedOver"));
    }
    List<ActionFinished> finished = new ArrayList<>();
    int actions = pending.size() - outcomes.size();
    int notStarted = 0;
    Map<MessageOutcome.Kind, Integer> kinds = new EnumMap<>(MessageOutcome.Kind.class);
    for (MessageOutcome o : outcomes) {
      kinds.merge(o.kind(), 1, Integer::sum);
      o.finished().ifPresent(finished::add);
      switch (o.kind()) {
        case GATED -> actions++;
        // Not started: the action still waits, and the next sweep gates it (a hand-over before its start).
        case NO_BUDGET, SHUT_DOWN, NOT_MANAGED, GROUPS_UNKNOWN -> {
          actions++;
          notStarted++;
        }
        case TEST_NOTIFICATION, IGNORED, MALFORMED -> { }
      }
    }
    summary.put("actions", actions);
    putOutcomes(summary, finished);
    if (notStarted > 0) {
      ObjectNode counts = (ObjectNode) summary.get("outcomes");
      counts.put(Outcome.HANDED_OVER.name(), counts.path(Outcome.HANDED_OVER.name()).asInt() + notStarted);
    }
    summary.put("testNotifications", kinds.getOrDefault(MessageOutcome.Kind.TEST_NOTIFICATION, 0));
    summary.put("ignored", kinds.getOrDefault(MessageOutcome.Kind.IGNORED, 0));
    summary.put("malformed", kinds.getOrDefault(MessageOutcome.Kind.MALFORMED, 0));
    failLoudly(summary, outcomes.stream().flatMap(o -> o.fault().stream()).toList());
    return summary;
  }

  /**
   * Ends the invocation as a function error when a run failed on the gate's own fault (an {@link Error} or
   * unexpected exception in its code or its packaging), after every other message has been handled:
   * Lambda's asynchronous retries, the dead-letter queue and its alarm then see what no retry of an AWS
   * call can fix. AWS answers and throttling are not faults: retried, logged and counted as before.
   *
   * @throws GateFaultException if there is a fault
   */
  private static void failLoudly(ObjectNode summary, List<Throwable> faults) {
    if (faults.isEmpty()) {
      return;
    }
    GateFaultException failure = new GateFaultException(faults);
    LOG.error("{}; summary {}", failure.getMessage(), summary, entry("event", "gateFault"),
        entry("faults", faults.size()), entry("reason", failure.getMessage()), failure);
    throw failure;
  }

  /** Waits for the stage until the budget's end plus half the margin; null if it did not finish. */
  private <T> T await(CompletableFuture<T> stage, Instant budgetEnd) {
    Duration grace = runtime.settings.safetyMargin().dividedBy(2);
    Duration wait = Duration.between(runtime.scheduler.now(), budgetEnd.plus(grace));
    try {
      return stage.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      LOG.error("gate failed unexpectedly: {}", e.getCause(), entry("event", "gateFailed"));
      return null;
    }
  }

  private static void putOutcomes(ObjectNode summary, List<ActionFinished> finished) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (ActionFinished f : finished) {
      counts.merge(f.outcome(), 1, Integer::sum);
    }
    ObjectNode outcomes = summary.putObject("outcomes");
    counts.forEach((k, v) -> outcomes.put(k.name(), v));
  }

  private static ObjectNode malformed(ObjectNode summary, String reason) {
    LOG.warn("dropped malformed input: {}", reason, entry("event", "malformed"), entry("reason", reason));
    summary.put("kind", "malformed");
    summary.put("malformed", 1);
    summary.put("reason", reason);
    return summary;
  }

  private static String excerpt(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() <= 80 ? clean : clean.substring(0, 80) + "...";
  }
}
