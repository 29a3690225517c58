package io.warmgate.cli;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.cli.daemon.Daemon;
import io.warmgate.cli.daemon.ConsoleSummary;
import io.warmgate.cli.daemon.JsonLogListener;
import io.warmgate.cli.progress.ProgressRenderer;
import io.warmgate.cli.queue.QueueReader;
import io.warmgate.cli.queue.QueueRunner;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.port.GatePortException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code warmgate run}: the daemon that gates the managed groups' launching lifecycle actions. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Runs the gate as a daemon over the managed groups.",
    description = {
      "Runs the gate as a daemon: sweeps the managed groups (by --group and by tag) for instances waiting on a"
          + " launching hook, gates each one (probe, heartbeat, complete), and reacts at once to lifecycle events"
          + " POSTed as EventBridge JSON to the listener. On a terminal it prints a summary: one line per decision"
          + " that matters, one per sweep; otherwise (or with --json) one JSON log line per decision on stdout.",
      "Stops gracefully on SIGTERM/Ctrl-C: no new probes, no half-sent completion.",
      "Readiness settings come from WARMGATE_* variables and each hook's NotificationMetadata. Without"
          + " --endpoint-url it acts on real AWS, and its first line says so."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly",
      "1:runtime failure (cannot listen, AWS unreachable at startup)",
      "2:bad command line or invalid WARMGATE_* configuration",
      "5:a group given with --group does not exist",
      "130:stopped by Ctrl-C (SIGINT), after a graceful shutdown",
      "143:stopped by SIGTERM, after a graceful shutdown"
    })
public final class RunCommand implements Callable<Integer> {

  @Option(names = "--group", paramLabel = "NAME", description = "A managed Auto Scaling group; repeatable.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--tag", defaultValue = TaggedManagedGroups.DEFAULT_TAG, paramLabel = "KEY", description = "Also manage every group whose tag KEY is 'true'; empty to disable. Default: ${DEFAULT-VALUE}.")
  String tag;


  @Mixin AwsOptions aws;

  @Option(names = "--listen", defaultValue = "127.0.0.1:9876", paramLabel = "HOST:PORT", description = "Where to accept lifecycle events (POST, EventBridge JSON). Default: ${DEFAULT-VALUE}.")
  String listen;

  @Option(names = "--no-listen", description = "Do not listen for events; rely on the sweep alone.")
  boolean noListen;

  @Option(names = "--sweep-interval", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class, description = "Time between sweeps. Default: ${DEFAULT-VALUE}.")
  Duration sweepInterval;

  @Option(names = "--max-concurrent-calls", defaultValue = "16", paramLabel = "N", description = "Threads for blocking AWS calls. Default: ${DEFAULT-VALUE}.")
  int maxConcurrentCalls;

  @Option(names = "--json", description = "Log JSON lines even on a terminal (they are the default when stdout is not one).")
  boolean json;

  @Option(names = "--queue-url", paramLabel = "URL", converter = HttpUrlConverter.class, description = "Also long-poll this SQS queue for lifecycle messages (EventBridge events or hook notifications); its endpoint: --endpoint-url or AWS_ENDPOINT_URL_SQS.")
  java.net.URI queueUrl;

  @Option(names = "--queue-visibility-timeout", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class, description = "How long a received message stays hidden (10s..12h), extended every half of it while its action is gated. Default: ${DEFAULT-VALUE}.")
  Duration queueVisibilityTimeout;

  @Option(names = "--shutdown-grace", defaultValue = "20s", paramLabel = "DURATION", converter = DurationConverter.class, description = "How long shutdown waits for calls in flight. Default: ${DEFAULT-VALUE}.")
  Duration shutdownGrace;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (groups.isEmpty() && tag.isBlank()) {
      throw new ParameterException(spec.commandLine(), "nothing to manage: give --group NAME or a --tag KEY");
    }
    if (maxConcurrentCalls < 1 || maxConcurrentCalls > 512) {
      throw new ParameterException(spec.commandLine(), "--max-concurrent-calls must be in 1..512");
    }
    Optional<InetSocketAddress> address = noListen ? Optional.empty() : Optional.of(parseListen(listen));
    QueueRunner.Options queueOptions;
    try {
      QueueRunner.Options d = QueueRunner.Options.defaults();
      queueOptions = new QueueRunner.Options(queueVisibilityTimeout, d.waitTime(), d.maxInFlight(), d.maxReceives());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--queue-visibility-timeout: " + e.getMessage());
    }
    Daemon.Options options;
    try {
      // The secret comes from the environment, never a flag: a flag would show in the process list.
      Optional<String> secret = Optional.ofNullable(System.getenv("WARMGATE_EVENT_SECRET")).filter(v -> !v.isEmpty());
      options = new Daemon.Options(sweepInterval, address, shutdownGrace, secret);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    AwsClients clients = aws.clients();
    checkGroupsExist(clients);
    AtomicInteger n = new AtomicInteger();
    ExecutorService calls = Executors.newFixedThreadPool(maxConcurrentCalls, r -> daemonThread(r, "aws-call-" + n.incrementAndGet()));
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> daemonThread(r, "gate-timer"));
    ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), timers);
    boolean human = !json && ProgressRenderer.detect(false) == ProgressRenderer.Mode.TTY;
    JsonLogListener log = new JsonLogListener(
        human ? new ConsoleSummary(System.out, ZoneId.systemDefault()) : JsonLogListener.jsonLines(System.out),
        scheduler.asClock());
    TaggedManagedGroups managed = new TaggedManagedGroups(clients.autoScaling(), groups, tag);
    AwsGateFactory factory = AwsGateFactory.of(clients, scheduler);
    Gate gate;
    try {
      gate = factory.gate().executor(calls).environment(System.getenv()).listener(log).build();
    } catch (InvalidConfigurationException e) {
      shutdown(calls, timers, clients);
      throw new CliException("invalid configuration: " + e.getMessage(), e, ExitCodes.USAGE);
    }
    Sweeper sweeper = factory.sweeper(managed, gate, calls);
    // Said first and plainly: without --endpoint-url the daemon acts on real Auto Scaling groups.
    log.log("INFO", "endpoint", "endpoint: " + clients.target());
    log.log("INFO", "config", "aws: " + clients.describe() + "; groups: " + groups + "; tag: "
        + (tag.isBlank() ? "(none)" : tag) + "; base policies (a hook's NotificationMetadata overrides them; each hook's"
        + " effective policy is logged when first seen): " + gate.policies().base().toSettings());
    try {
      GroupsAtStart.hookProblems(factory.hooks(), groups).forEach(p -> log.log("WARN", "no-hook", p));
    } catch (GatePortException e) {
      log.log("WARN", "port-failed", "could not read the groups' hooks at start: " + e.getMessage() + "; the sweeps retry");
    }
    Daemon daemon = new Daemon(gate, sweeper, managed, scheduler, log, options);
    CountDownLatch done = new CountDownLatch(1);
    QueueReader queue = queueUrl == null ? null : new QueueReader(clients, queueUrl, daemon, scheduler, log, queueOptions);
    Thread hook = new Thread(() -> {
      // SIGTERM or Ctrl-C: stop cleanly before the JVM goes; the queue's held messages go back for the next runner.
      if (queue != null) {
        queue.stopReceiving();
      }
      daemon.close();
      if (queue != null) {
        queue.close(shutdownGrace);
      }
      shutdown(calls, timers, clients);
      done.countDown();
    }, "warmgate-shutdown");
    try {
      daemon.start();
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      if (queue != null) {
        queue.close(Duration.ZERO);
      }
      shutdown(calls, timers, clients);
      throw new CliException(e.getMessage(), e);
    }
    if (queue != null) {
      queue.start();
    }
    Runtime.getRuntime().addShutdownHook(hook);
    done.await();
    return ExitCodes.OK;
  }

  /** A --group that does not exist is a mistake to say at once: the sweeps would look for it forever. */
  private void checkGroupsExist(AwsClients clients) {
    List<String> missing;
    try {
      missing = GroupsAtStart.missing(clients.autoScaling(), groups);
    } catch (SdkException e) {
      clients.close();
      throw new CliException("cannot read the groups: " + e.getMessage(), e);
    }
    if (!missing.isEmpty()) {
      clients.close();
      throw new CliException("no such Auto Scaling group: " + String.join(", ", missing), null, ExitCodes.NOTHING_TO_GATE);
    }
  }

  private InetSocketAddress parseListen(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ParameterException(spec.commandLine(), "--listen must be HOST:PORT, got '" + value + "'");
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(InetAddress.getByName(value.substring(0, colon)), port);
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--listen port must be 0..65535, got '" + value + "'");
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), "--listen host is unknown: '" + value + "'");
    }
  }

  private static Thread daemonThread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void shutdown(ExecutorService calls, ScheduledExecutorService timers, AwsClients clients) {
    calls.shutdown();
    timers.shutdown();
    try {
      calls.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    clients.close();
  }
}
