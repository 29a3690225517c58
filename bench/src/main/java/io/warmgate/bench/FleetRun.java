package io.warmgate.bench;

import io.warmgate.aws.autoscaling.AutoScalingInstances;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleActions;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleHooks;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.ec2.Ec2InstanceStatusChecks;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.WarmPoolEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Runs one fleet scenario end to end and measures it.
 *
 * <ol>
 *   <li>Starts an embedded emulator on loopback with an accelerated clock and a boot profile that takes
 *       a minute or two of simulated time (so every run sees refused, 503 and 200 probes).
 *   <li>With the real SDK v2 clients (static credentials, fixed region, loopback endpoint) creates a
 *       launch template, a group with a launching hook and a Stopped warm pool of N instances, and waits
 *       until all N wait in {@code Warmed:Pending:Wait}, each with its EventBridge-shaped event.
 *   <li>Wires one real {@link Gate} as the Lambda runner does (the {@code io.warmgate.aws} adapters, a
 *       bounded worker pool, one timer thread, {@link ExecutorScheduler} on the emulator's clock at its
 *       speed), hands it all N actions at once, and waits until every run has finished.
 * </ol>
 *
 * <p>Every wait is bounded by the scenario's real timeout; on timeout the gate is shut down and the
 * figures say how many runs did not finish. Nothing leaves loopback.
 */
public final class FleetRun {

  /** The group the scenario creates. */
  public static final String GROUP = "bench-fleet";
  /** Its launching hook. */
  public static final String HOOK = "ready";
  /** The health port of the simulated instances. */
  public static final int HEALTH_PORT = 8080;

  private static final Duration SAMPLE_PERIOD = Duration.ofMillis(20);

  private FleetRun() {}

  /**
   * A Linux-like boot stretched to a minute or two, so that each instance fails several probe rounds
   * (port closed, then 503) before it passes.
   */
  public static BootProfile benchProfile() {
    return new BootProfile(
        "bench",
        false,
        Distribution.uniform(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        Distribution.logNormal(Duration.ofSeconds(40), 0.3, Duration.ofSeconds(15), Duration.ofSeconds(120)),
        null,
        Duration.ZERO,
        Distribution.logNormal(Duration.ofSeconds(20), 0.4, Duration.ofSeconds(5), Duration.ofSeconds(90)),
        Duration.ofSeconds(20),
        Duration.ofSeconds(15));
  }

  /**
   * Runs the scenario.
   *
   * @param settings the scenario
   * @param progress receives a few human-readable progress lines
   * @return the figures
   * @throws IllegalStateException if the fleet could not be set up within the timeout
   */
  public static FleetFigures run(FleetSettings settings, Consumer<String> progress) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    long setupStart = System.nanoTime();
    LifecycleEventParser parser = new LifecycleEventParser();
    Map<String, LifecycleAction> actions = new ConcurrentHashMap<>();
    BootProfile profile = benchProfile();
    try (WarmPoolEmulator emulator =
            WarmPoolEmulator.builder()
                .port(0)
                .speed(settings.speed())
                .seed(settings.seed())
                .bootProfile(profile)
                .defaultBootProfile(profile.name())
                .healthPort(HEALTH_PORT)
                .listener(json -> {
                  if (parser.parse(json) instanceof LifecycleMessage.Action a) {
                    actions.putIfAbsent(a.action().instanceId(), a.action());
                  }
                })
                .start();
        AwsClients clients = clientsFor(emulator.endpoint())) {
      createFleet(clients, settings);
      awaitAllWaiting(emulator, actions, settings.instances(), deadline);
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      progress.accept(String.format("  %d instances waiting in Warmed:Pending:Wait after %.1f s; starting the gate",
          settings.instances(), setupSeconds));
      return gateAll(emulator, clients, settings, List.copyOf(actions.values()), setupSeconds, deadline);
    }
  }

  /** Real SDK clients for a loopback endpoint: static credentials, a fixed region, never a default chain. */
  static AwsClients clientsFor(URI endpoint) {
    if (!"127.0.0.1".equals(endpoint.getHost())) {
      throw new IllegalStateException("the benchmark only talks to loopback, not " + endpoint);
    }
    return AwsClients.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .endpoint(endpoint)
        .build();
  }

  private static void createFleet(AwsClients clients, FleetSettings s) {
    int n = s.instances();
    String template =
        clients.ec2()
            .createLaunchTemplate(r -> r.launchTemplateName(GROUP + "-lt")
                .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.micro"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.LAUNCH_TEMPLATE)
                    .tags(Tag.builder().key(BootProfile.TAG).value("bench").build()).build()))
            .launchTemplate()
            .launchTemplateId();
    // The hook comes with the group, before the warm pool: instances launched before a hook never wait.
    clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(GROUP).minSize(0).maxSize(n).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(template).version("$Latest"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName(HOOK)
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING")
            .heartbeatTimeout((int) s.heartbeatTimeout().toSeconds())
            .defaultResult("ABANDON")
            .notificationMetadata("{\"warmgate\":{\"http\":{\"port\":" + HEALTH_PORT + ",\"path\":\"/health\"}}}")
            .build()));
    clients.autoScaling().putWarmPool(r -> r.autoScalingGroupName(GROUP).minSize(n).maxGroupPreparedCapacity(n)
        .poolState(WarmPoolState.STOPPED));
  }

  private static void awaitAllWaiting(WarmPoolEmulator emulator, Map<String, LifecycleAction> actions, int n, long deadline) {
    while (true) {
      // In-process introspection, not API calls, so the gate's call counts stay its own.
      long waiting = emulator.activeActions().stream().filter(a -> GROUP.equals(a.groupName())).count();
      if (waiting >= n && actions.size() >= n) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + waiting + " of " + n + " instances were waiting (" + actions.size()
            + " events) when the scenario's time ran out");
      }
      sleep(Duration.ofMillis(20));
    }
  }

  private static FleetFigures gateAll(
      WarmPoolEmulator emulator, AwsClients clients, FleetSettings s, List<LifecycleAction> actions, double setupSeconds, long deadline) {
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int n = actions.size();
    long heapBefore = heapAfterGc();
    Map<String, Long> callsBefore = emulator.apiCallCounts();
    LatencyRecorder timerLateness = new LatencyRecorder(1_000_000);
    LatencyRecorder decisionLateness = new LatencyRecorder(1_000_000);
    FleetListener listener = new FleetListener(decisionLateness);

    ResourceSampler sampler = new ResourceSampler(SAMPLE_PERIOD);
    int threadsBaseline = threadBean.getThreadCount();
    threadBean.resetPeakThreadCount();
    long startedBefore = threadBean.getTotalStartedThreadCount();
    long cpuBefore = os.getProcessCpuTime();

    // The Lambda runner's wiring (GateRuntime), with the scheduler on the emulator's accelerated clock.
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(s.workers(), s.workers(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons("warmgate-worker"));
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("warmgate-timer"));
    timer.setRemoveOnCancelPolicy(true);
    Clock clock = emulator.clock().asJavaClock();
    MeasuringScheduler scheduler =
        new MeasuringScheduler(new ExecutorScheduler(clock, timer, emulator.clock().speed()), timerLateness);
    Map<String, String> env = Map.of("WARMGATE_INTERVAL", s.interval().toString());
    Gate gate =
        new Gate(
            new AutoScalingInstances(clients.autoScaling(), clients.ec2()),
            new AutoScalingLifecycleHooks(clients.autoScaling(), clock, AutoScalingLifecycleHooks.DEFAULT_TTL),
            new AutoScalingLifecycleActions(clients.autoScaling()),
            new Ec2InstanceStatusChecks(clients.ec2()),
            scheduler,
            workers,
            new JacksonMetadataParser(),
            List.of(ConfigLayer.fromEnvironment(env)),
            listener);

    Instant simStart = clock.instant();
    long realStart = System.nanoTime();
    // A daemon's budget: far beyond any run, the hook's own timeouts bound the actions.
    Instant budgetEnd = simStart.plus(Duration.ofHours(12));
    List<CompletableFuture<ActionFinished>> runs = new ArrayList<>(n);
    for (LifecycleAction action : actions) {
      runs.add(gate.run(action, budgetEnd).toCompletableFuture());
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0]));

    // The gate's live set is measured once every run has got past its lookup and made a decision.
    while (!all.isDone() && listener.actionsDecided() < n && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(10));
    }
    long heapInFlight = heapAfterGc();

    boolean finished = true;
    try {
      all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      finished = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a gate run failed unexpectedly", e.getCause());
    }
    long realEnd = finished && listener.lastFinishNanos() != 0 ? listener.lastFinishNanos() : System.nanoTime();
    Instant simEnd = clock.instant().minusNanos((long) ((System.nanoTime() - realEnd) * s.speed()));
    long cpuAfter = os.getProcessCpuTime();
    long startedAfter = threadBean.getTotalStartedThreadCount();
    int peakProcess = threadBean.getPeakThreadCount();
    sampler.close();

    // Runs still going (a timeout) are handed over; their actions stay waiting in the emulator.
    gate.close();
    workers.shutdownNow();
    timer.shutdownNow();
    int stillWaiting = (int) emulator.activeActions().stream().filter(a -> GROUP.equals(a.groupName())).count();

    Map<String, Long> calls = new TreeMap<>();
    emulator.apiCallCounts().forEach((action, count) -> {
      long delta = count - callsBefore.getOrDefault(action, 0L);
      if (delta > 0) {
        calls.put(action, delta);
      }
    });
    return new FleetFigures(
        n,
        s.speed(),
        setupSeconds,
        (realEnd - realStart) / 1e9,
        Duration.between(simStart, simEnd).toMillis() / 1e3,
        listener.outcomes(),
        stillWaiting,
        threadsBaseline,
        peakProcess,
        sampler.peakGateThreads(),
        sampler.peakGateThreadNames(),
        startedAfter - startedBefore,
        heapBefore,
        heapInFlight,
        sampler.peakHeapAfterGc(),
        cpuAfter - cpuBefore,
        sampler.emulatorCpuNanos(),
        listener.probes(),
        listener.decisions(),
        listener.heartbeats(),
        listener.portFailures(),
        scheduler.scheduled(),
        calls,
        timerLateness.percentiles(),
        decisionLateness.percentiles(),
        ForkJoinPool.getCommonPoolParallelism());
  }

  /** Heap used after two full collections (the second catches what the first only finalized). */
  private static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
