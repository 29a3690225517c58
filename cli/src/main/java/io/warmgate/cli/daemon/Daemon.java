package io.warmgate.cli.daemon;

import io.warmgate.core.model.Durations;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.LifecycleDispatcher;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.Reconciler;
import io.warmgate.core.gate.SweepReport;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.Scheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code warmgate run} daemon: a reconcile loop that sweeps the managed groups every interval, plus
 * an HTTP listener that gates an action as soon as its lifecycle event arrives.
 *
 * <p>The loop is the core's {@link Reconciler}. Events make it react at once; the sweep catches whatever they missed (lost events, a restart). A
 * duplicate event joins the run already in progress. {@link #close()} stops it gracefully: no new
 * events or sweeps, no new probe rounds, and calls already sent finish before it returns, so no
 * completion is ever left half-sent; actions still waiting are handed over to the hook's timeout or the
 * next run. Thread-safe.
 */
public final class Daemon implements AutoCloseable {

  /**
   * How the daemon runs.
   *
   * @param sweepInterval time between sweeps (on the scheduler's clock)
   * @param listen where the event listener binds, if any
   * @param shutdownGrace how long {@link #close()} waits, in real time, for calls in flight
   * @param eventSecret the shared secret event senders must present (required beyond loopback)
   */
  public record Options(
      Duration sweepInterval, Optional<InetSocketAddress> listen, Duration shutdownGrace, Optional<String> eventSecret) {
    public Options {
      Objects.requireNonNull(sweepInterval, "sweepInterval");
      Objects.requireNonNull(listen, "listen");
      Objects.requireNonNull(shutdownGrace, "shutdownGrace");
      Objects.requireNonNull(eventSecret, "eventSecret");
      if (sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("sweep interval must be at least 1s, got " + Durations.human(sweepInterval));
      }
      if (shutdownGrace.isNegative()) {
        throw new IllegalArgumentException("shutdown grace must not be negative");
      }
    }

    /** Options without a shared secret (a loopback listener, or none). */
    public Options(Duration sweepInterval, Optional<InetSocketAddress> listen, Duration shutdownGrace) {
      this(sweepInterval, listen, shutdownGrace, Optional.empty());
    }
  }

  // Each sweep extends the budget of the runs it finds, so this only bounds a run whose sweeps stopped.
  private static final Duration MIN_RUN_BUDGET = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Gate gate;
  private final Scheduler scheduler;
  private final JsonLogListener log;
  private final Options options;
  private final LifecycleEventParser parser = new LifecycleEventParser();
  private final Object lock = new Object();
  private final Duration runBudget;
  private final Reconciler reconciler;
  private final ManagedGroupCache managed;
  private final LifecycleDispatcher dispatcher;
  private EventHttpListener listener;
  private boolean started;
  private boolean stopped;

  /**
   * @param gate the gate (its listener should be {@code log} or include it)
   * @param sweeper sweeps the managed groups with that gate
   * @param managed the managed groups (the sweeper's): events for any other group are logged and ignored
   * @param scheduler the gate's scheduler, which also times the sweeps
   * @param log where the daemon's own lines go, and the dispatcher's (what became of each message)
   * @param options how it runs
   */
  public Daemon(Gate gate, Sweeper sweeper, ManagedGroups managed, Scheduler scheduler, JsonLogListener log, Options options) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.log = Objects.requireNonNull(log, "log");
    this.options = Objects.requireNonNull(options, "options");
    Duration fiveSweeps = options.sweepInterval().multipliedBy(5);
    this.runBudget = fiveSweeps.compareTo(MIN_RUN_BUDGET) > 0 ? fiveSweeps : MIN_RUN_BUDGET;
    this.managed = new ManagedGroupCache(Objects.requireNonNull(managed, "managed"), scheduler, options.sweepInterval());
    this.reconciler = new Reconciler(Objects.requireNonNull(sweeper, "sweeper"), scheduler, options.sweepInterval(), runBudget, this::logSweep);
    this.dispatcher = new LifecycleDispatcher(gate, scheduler, this::membership, log);
  }

  /**
   * Starts listening and sweeping; the first sweep runs at once.
   *
   * @throws java.io.UncheckedIOException if the listen address cannot be bound
   * @throws IllegalStateException if started twice
   */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("daemon already started");
      }
      started = true;
      listener = options.listen()
          .map(address -> new EventHttpListener(address, options.eventSecret(), this::onEvent)).orElse(null);
    }
    reconciler.start();
    ObjectNode line = JSON.createObjectNode();
    line.put("level", "INFO");
    line.put("event", "started");
    line.put("sweepIntervalSeconds", options.sweepInterval().toSeconds());
    if (listener != null) {
      line.put("listen", "http://" + options.listen().get().getHostString() + ":" + listener.port() + "/");
      line.put("eventSecret", options.eventSecret().isPresent() ? "required" : "off");
    }
    log.write(line);
  }

  /** The event listener's bound port, if it listens. */
  public Optional<Integer> port() {
    synchronized (lock) {
      return Optional.ofNullable(listener).map(EventHttpListener::port);
    }
  }

  /**
   * Handles one message: an EventBridge event, an SQS/SNS notification body or a batch of them. Launching
   * actions of managed groups are gated; actions of other groups are logged and ignored (the design: skip
   * groups that are not managed; a listener may receive a whole account's events); test notifications are
   * acknowledged; anything else is logged and dropped.
   *
   * @return each message's outcome, as {@link #dispatch} gives it
   */
  public List<CompletionStage<MessageOutcome>> onEvent(String payload) {
    return dispatch(parser.parseAll(payload));
  }

  /**
   * Hands parsed messages to the daemon's dispatcher, each action with the daemon's run budget, and
   * returns each message's outcome (see {@link LifecycleDispatcher#dispatch}); after {@link #close()} every
   * action is {@link MessageOutcome.Kind#SHUT_DOWN}. Every outcome is logged.
   */
  public List<CompletionStage<MessageOutcome>> dispatch(List<LifecycleMessage> messages) {
    return dispatcher.dispatch(messages, scheduler.now().plus(runBudget));
  }

  private LifecycleDispatcher.Membership membership(String group) {
    Optional<Boolean> ours = managed.isManaged(group,
        e -> log.log("WARN", "port-failed", "could not list the managed groups: " + e.getMessage()));
    if (ours.isEmpty()) {
      return LifecycleDispatcher.Membership.UNKNOWN;
    }
    return ours.get() ? LifecycleDispatcher.Membership.MANAGED : LifecycleDispatcher.Membership.NOT_MANAGED;
  }

  private void logSweep(SweepReport report) {
    ObjectNode line = JSON.createObjectNode();
    line.put("level", report.problems().isEmpty() ? "INFO" : "WARN");
    line.put("event", "sweep");
    line.put("groups", report.groups());
    line.put("waiting", report.waiting());
    line.put("finished", report.finished().size());
    if (!report.problems().isEmpty()) {
      line.put("reason", String.join("; ", report.problems()));
    }
    log.write(line);
  }

  /**
   * Stops gracefully: closes the listener, stops sweeping, stops the gate and waits up to the grace period
   * for calls in flight. Idempotent.
   */
  @Override
  public void close() {
    EventHttpListener l;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      l = listener;
    }
    dispatcher.close();
    reconciler.close();
    int inFlight = gate.inFlight();
    log.log("INFO", "stopping", "shutting down; " + inFlight + " action(s) in progress are handed over");
    if (l != null) {
      l.close();
    }
    try {
      gate.shutdown().toCompletableFuture().get(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
      log.log("INFO", "stopped", "all runs ended; nothing half-sent");
    } catch (TimeoutException e) {
      log.log("WARN", "stopped", "calls still in flight after " + options.shutdownGrace().toSeconds()
          + "s; the hooks' timeouts and the next run's sweep take over");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.log("WARN", "stopped", "gate shutdown failed: " + e.getCause());
    }
  }
}
