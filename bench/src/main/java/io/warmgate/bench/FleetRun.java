package io.warmgate.bench;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.autoscaling.AutoScalingInstances;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.GateBuilder;
import io.warmgate.core.gate.GateOptions;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
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
import java.util.concurrent.atomic.AtomicReference;
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

  private static final Duration SAMPLE_PERIOD = Duration.ofMillis(50);

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
   * Runs the scenario: every instance enters the warm pool through the gate, stops in the pool, then
   * leaves it on a scale-out through the gate again.
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
    Map<String, LifecycleAction> entering = new ConcurrentHashMap<>();
    // Where events go: collected while the fleet is set up, handed to the gate once it runs.
    AtomicReference<Consumer<LifecycleAction>> sink =
        new AtomicReference<>(a -> entering.putIfAbsent(a.instanceId(), a));
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
                    sink.get().accept(a.action());
                  }
                })
                .start();
        AwsClients clients = clientsFor(emulator.endpoint())) {
      createFleet(clients, settings);
      awaitAllWaiting(emulator, entering, settings.instances(), deadline);
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      progress.accept(String.format("  %d instances waiting in Warmed:Pending:Wait after %.1f s; starting the gate (%s)",
          settings.instances(), setupSeconds, settings.preset().wireName()));
      return new Scenario(emulator, clients, settings, sink, deadline, progress)
          .gate(List.copyOf(entering.values()), setupSeconds);
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
    // MinSize 0: once the scale-out takes the whole pool into the group, nothing refills it.
    clients.autoScaling().putWarmPool(r -> r.autoScalingGroupName(GROUP).minSize(0).maxGroupPreparedCapacity(n)
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


  /** One fleet gated through both phases by one gate. */
  private static final class Scenario {
    private final WarmPoolEmulator emulator;
    private final AwsClients clients;
    private final FleetSettings s;
    private final AtomicReference<Consumer<LifecycleAction>> sink;
    private final long deadline;
    private final Consumer<String> progress;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final CpuParts cpu = new CpuParts();
    private final LatencyRecorder timerLateness = new LatencyRecorder(2_000_000);
    private final LatencyRecorder decisionLateness = new LatencyRecorder(2_000_000);
    private final FleetListener listener = new FleetListener(decisionLateness);
    private final Clock clock;
    // A daemon's budget: far beyond any run, the hook's own timeouts bound the actions.
    private final Instant budgetEnd;

    Scenario(WarmPoolEmulator emulator, AwsClients clients, FleetSettings s,
        AtomicReference<Consumer<LifecycleAction>> sink, long deadline, Consumer<String> progress) {
      this.emulator = emulator;
      this.clients = clients;
      this.s = s;
      this.sink = sink;
      this.deadline = deadline;
      this.progress = progress;
      this.clock = emulator.clock().asJavaClock();
      this.budgetEnd = clock.instant().plus(Duration.ofHours(12));
    }

    FleetFigures gate(List<LifecycleAction> entering, double setupSeconds) {
      int n = entering.size();
      long heapBefore = heapAfterGc();
      ResourceSampler sampler = new ResourceSampler(SAMPLE_PERIOD);
      int threadsBaseline = threadBean.getThreadCount();
      threadBean.resetPeakThreadCount();
      long startedBefore = threadBean.getTotalStartedThreadCount();

      // The Lambda runner's wiring (GateRuntime), with the scheduler on the emulator's accelerated clock.
      ThreadPoolExecutor workers =
          new ThreadPoolExecutor(s.workers(), s.workers(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons("warmgate-worker"));
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("warmgate-timer"));
      timer.setRemoveOnCancelPolicy(true);
      MeasuringScheduler scheduler =
          new MeasuringScheduler(new ExecutorScheduler(clock, timer, emulator.clock().speed()), timerLateness);
      Map<String, String> env = new TreeMap<>();
      env.putAll(s.environment());
      env.put("WARMGATE_PRESET", s.preset().wireName());
      s.interval().ifPresent(i -> env.put("WARMGATE_INTERVAL", i.toString()));
      AutoScalingInstances lookups = new AutoScalingInstances(clients.autoScaling(), clients.ec2());
      UsualFixInstances usualFix = new UsualFixInstances(lookups, clients.ec2());
      // The usual fix looks the instance up on every loop: facts older than half its 10 s interval are
      // stale, so every round but the first (which follows the lookup at once) asks EC2 again.
      GateOptions options = s.preset() == Preset.USUAL_FIX
          ? new GateOptions(GateOptions.DEFAULTS.callReserve(), Duration.ofSeconds(5), GateOptions.DEFAULTS.factsRefreshOnFailure(),
              GateOptions.DEFAULTS.retryBackoffMin(), GateOptions.DEFAULTS.retryBackoffMax())
          : GateOptions.DEFAULTS;
      // warmgate keeps the factory's batched lookups (on the gate's own, simulated clock), as every runner.
      GateBuilder builder = AwsGateFactory.of(clients, scheduler).gate();
      if (s.preset() == Preset.USUAL_FIX) {
        builder.instances(usualFix);
      }
      Gate gate = builder.executor(workers).environment(env).listener(listener).options(options).build();

      List<PhaseFigures> phases = new ArrayList<>();
      Map<Phase, Map<String, Instant>> handedOver = new ConcurrentHashMap<>();
      long[] heapInFlight = new long[1];
      try {
        phases.add(phase(Phase.ENTERING_WARM_POOL, n, () -> {
          List<CompletableFuture<ActionFinished>> runs = new ArrayList<>(n);
          Map<String, Instant> handed = handedOver.computeIfAbsent(Phase.ENTERING_WARM_POOL, p -> new ConcurrentHashMap<>());
          for (LifecycleAction action : entering) {
            handed.put(action.instanceId(), clock.instant());
            runs.add(gate.run(action, budgetEnd).toCompletableFuture());
          }
          // The gate's live set is measured once every run has got past its lookup and made a decision.
          while (listener.actionsDecided() < n && listener.finished() < n && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
          }
          heapInFlight[0] = heapAfterGc();
          return runs;
        }));
        progress.accept(String.format("  entering the pool: %d of %d CONTINUE; waiting for the pool to stop",
            phases.get(0).continued(), n));
        // Only the instances that entered the pool can leave it; an abandoned one was replaced by a
        // new launch that nobody gates here, so it is not waited for.
        int pooled = (int) phases.get(0).continued();
        if (pooled > 0 && awaitAllStopped(pooled)) {
          usualFix.forget();
          Map<String, Boolean> seen = new ConcurrentHashMap<>();
          List<CompletableFuture<ActionFinished>> leaving = java.util.Collections.synchronizedList(new ArrayList<>());
          Map<String, Instant> handed = handedOver.computeIfAbsent(Phase.LEAVING_WARM_POOL, p -> new ConcurrentHashMap<>());
          sink.set(a -> {
            if (a.phase() == Phase.LEAVING_WARM_POOL && seen.putIfAbsent(a.instanceId(), Boolean.TRUE) == null) {
              handed.put(a.instanceId(), clock.instant());
              leaving.add(gate.run(a, budgetEnd).toCompletableFuture());
            }
          });
          phases.add(phase(Phase.LEAVING_WARM_POOL, pooled, () -> {
            // The scale-out is the harness's call, not the gate's; phase() leaves SetDesiredCapacity out.
            clients.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(GROUP).desiredCapacity(pooled));
            while (leaving.size() < pooled && System.nanoTime() < deadline) {
              sleep(Duration.ofMillis(5));
            }
            synchronized (leaving) {
              return List.copyOf(leaving);
            }
          }));
          progress.accept(String.format("  leaving the pool: %d of %d CONTINUE", phases.get(1).continued(), pooled));
        }
      } finally {
        sink.set(a -> {});
        gate.close();
        workers.shutdownNow();
        timer.shutdownNow();
      }
      long startedAfter = threadBean.getTotalStartedThreadCount();
      int peakProcess = threadBean.getPeakThreadCount();
      sampler.close();
      int stillWaiting = (int) emulator.activeActions().stream().filter(a -> GROUP.equals(a.groupName())).count();

      Map<Phase, LatencyRecorder> detection = DetectionLatency.of(emulator.timeline(), GROUP, handedOver);
      List<PhaseFigures> withLatency = new ArrayList<>();
      for (PhaseFigures p : phases) {
        LatencyRecorder r = detection.get(p.phase());
        withLatency.add(new PhaseFigures(p.phase(), p.actions(), p.continued(), p.wallSeconds(), p.simulatedSeconds(),
            p.processCpuNanos(), p.cpuNanosByPart(), p.apiCalls(),
            r == null ? new LatencyRecorder.Percentiles(0, 0, 0, 0, 0) : r.percentiles()));
      }
      return new FleetFigures(
          n,
          s.preset(),
          s.speed(),
          setupSeconds,
          withLatency,
          listener.outcomes(),
          stillWaiting,
          threadsBaseline,
          peakProcess,
          sampler.peakGateThreads(),
          sampler.peakGateThreadNames(),
          startedAfter - startedBefore,
          heapBefore,
          heapInFlight[0],
          sampler.peakHeapAfterGc(),
          listener.probes(),
          listener.decisions(),
          listener.heartbeats(),
          listener.portFailures(),
          scheduler.scheduled(),
          timerLateness.percentiles(),
          decisionLateness.percentiles(),
          ForkJoinPool.getCommonPoolParallelism(),
          emulator.clock().maxLateness().toNanos());
    }

    /**
     * Runs one phase: {@code start} hands the phase's actions to the gate and returns their runs; the
     * phase ends when they have all finished (or the scenario's time is up).
     */
    private PhaseFigures phase(Phase phase, int n, java.util.function.Supplier<List<CompletableFuture<ActionFinished>>> start) {
      Map<String, Long> callsBefore = emulator.apiCallCounts();
      long finishedBefore = listener.finished();
      long continuedBefore = listener.outcomes().getOrDefault(Outcome.CONTINUED, 0L);
      CpuParts.Snapshot cpuBefore = cpu.snapshot();
      Instant simStart = clock.instant();
      long realStart = System.nanoTime();
      List<CompletableFuture<ActionFinished>> runs = start.get();
      CompletableFuture<Void> all = CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0]));
      try {
        all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        progress.accept("  " + phase + ": the scenario's time ran out");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a gate run failed unexpectedly", e.getCause());
      }
      long realEnd = listener.finished() > finishedBefore && all.isDone() ? listener.lastFinishNanos() : System.nanoTime();
      Instant simEnd = clock.instant().minusNanos((long) ((System.nanoTime() - realEnd) * s.speed()));
      CpuParts.Snapshot cpuAfter = cpu.snapshot();
      long processCpu = cpuAfter.processNanos() - cpuBefore.processNanos();
      Map<String, Long> cpuByPart = CpuParts.between(cpuBefore, cpuAfter);
      Map<String, Long> calls = new TreeMap<>();
      emulator.apiCallCounts().forEach((action, count) -> {
        long delta = count - callsBefore.getOrDefault(action, 0L);
        if (delta > 0 && !action.equals("SetDesiredCapacity")) {
          calls.put(action, delta);
        }
      });
      long continued = listener.outcomes().getOrDefault(Outcome.CONTINUED, 0L) - continuedBefore;
      return new PhaseFigures(phase, runs.size(), continued, (realEnd - realStart) / 1e9,
          Duration.between(simStart, simEnd).toMillis() / 1e3, processCpu, cpuByPart, calls,
          new LatencyRecorder.Percentiles(0, 0, 0, 0, 0));
    }

    /** Waits (in-process, no API calls) until every instance of the group is stopped in the warm pool. */
    private boolean awaitAllStopped(int n) {
      while (System.nanoTime() < deadline) {
        sleep(Duration.ofMillis(100)); // snapshots of every instance are not free; the pool takes a while
        long stopped = emulator.instances().stream()
            .filter(i -> GROUP.equals(i.groupName()) && "Warmed:Stopped".equals(i.lifecycleState()))
            .count();
        if (stopped >= n) {
          return true;
        }
      }
      progress.accept("  the warm pool did not stop within the scenario's time; not scaling out");
      return false;
    }
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
