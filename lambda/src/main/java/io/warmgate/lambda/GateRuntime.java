package io.warmgate.lambda;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.aws.runner.LifecycleDispatcher;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.port.Scheduler;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The Lambda's object graph, built once per execution environment: AWS clients, the port adapters,
 * the gate, the sweeper, the event parser and the dispatcher.
 *
 * <p>Building it makes no network call (clients resolve credentials on first use, threads start on
 * first task), so it is safe to build during init and to snapshot with SnapStart. Thread-safe.
 */
public final class GateRuntime implements AutoCloseable {

  final LambdaSettings settings;
  final AwsClients clients;
  final Scheduler scheduler;
  final Gate gate;
  final Sweeper sweeper;
  final LifecycleEventParser parser;
  final LifecycleDispatcher dispatcher;
  final GateMetrics metrics;
  final DecisionLog decisionLog;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;

  private GateRuntime(LambdaSettings settings, AwsClients clients, Clock clock, double speed, GateMetrics metrics,
      Map<String, String> env) {
    this.settings = settings;
    this.clients = clients;
    this.metrics = metrics;
    this.parser = new LifecycleEventParser();
    this.decisionLog = new DecisionLog(metrics);
    // Threads die when idle so a frozen or snapshotted environment holds none; core threads time out too.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            settings.workers(), settings.workers(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons("warmgate-worker"));
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("warmgate-timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.timers = timer;
    this.scheduler = new ExecutorScheduler(clock, timer, speed);
    AwsGateFactory aws = AwsGateFactory.of(clients, scheduler);
    // The factory's gate batches the lookups of concurrent runs (a sweep's, or a burst of events).
    this.gate = aws.gate().executor(workers).environment(env).listener(decisionLog).build();
    // The trigger chooses the groups: a rule or a hook's notification target names them (see GateHandler).
    this.dispatcher = new LifecycleDispatcher(gate, scheduler, LifecycleDispatcher.Groups.ALL, decisionLog);
    this.sweeper = aws.sweeper(new TaggedManagedGroups(clients.autoScaling(), settings.groups(), settings.managedTag()), gate, workers);
  }

  /**
   * Builds the graph from explicit parts (tests, the init-time harness).
   *
   * @param env the environment: runner settings and the core's {@code WARMGATE_*} policy keys
   * @param clients AWS clients; closed with this runtime
   * @param clock the gate's clock
   * @param metrics where outcome metrics go
   * @throws IllegalArgumentException if a runner setting is malformed
   * @throws io.warmgate.core.policy.InvalidConfigurationException if a policy setting is invalid
   */
  public static GateRuntime create(Map<String, String> env, AwsClients clients, Clock clock, GateMetrics metrics) {
    return create(env, clients, clock, 1.0, metrics);
  }

  /**
   * Like {@link #create(Map, AwsClients, Clock, GateMetrics)}, on a clock that runs {@code speed}
   * times faster than real time (the emulator's): the gate's timers wait clock time divided by it.
   *
   * @throws IllegalArgumentException if a runner setting is malformed or the speed is not positive
   */
  public static GateRuntime create(Map<String, String> env, AwsClients clients, Clock clock, double speed,
      GateMetrics metrics) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    LambdaSettings settings = LambdaSettings.fromEnvironment(env);
    try {
      return new GateRuntime(settings, clients, clock, speed, metrics, env);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  /**
   * Builds the production graph: AWS clients from the environment ({@code AWS_REGION}, {@code
   * AWS_ENDPOINT_URL*}, default credential chain), the system clock, Powertools EMF metrics.
   */
  public static GateRuntime fromEnvironment(Map<String, String> env) {
    AwsClients clients = AwsClients.builder().environment(env).build();
    return create(env, clients, Clock.systemUTC(), new PowertoolsGateMetrics(MetricsFactory.getMetricsInstance()));
  }

  /** The effective configuration, one line per part, for the startup log. */
  public Map<String, String> describe() {
    return Map.of(
        "lambda", settings.describe(),
        "aws", clients.describe(),
        "policies", String.valueOf(gate.policies().base().toSettings()));
  }

  /** Stops the gate (handing over what runs), the threads and the clients. */
  @Override
  public void close() {
    gate.close();
    workers.shutdownNow();
    timers.shutdownNow();
    clients.close();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
