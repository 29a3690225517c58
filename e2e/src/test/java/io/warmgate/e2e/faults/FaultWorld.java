package io.warmgate.e2e.faults;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.cli.daemon.Daemon;
import io.warmgate.cli.daemon.JsonLogListener;
import io.warmgate.cli.demo.EmulatorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.port.Scheduler;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.WarmPoolEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * One row's world: an emulator with the Windows-like boot profile, groups with a launching hook and a
 * stopped warm pool, and daemons wired as {@code warmgate run} wires them (the core's gate, the AWS
 * adapters, the daemon's sweep and event handling), all in this JVM on the emulator's accelerated clock.
 * Lifecycle events go from the emulator's listener to {@link #deliver}, which a row may replace (drop,
 * duplicate, reorder); by default each goes to the daemon running now, as EventBridge would send it.
 */
final class FaultWorld implements AutoCloseable {

  static final String HOOK = "warmgate-ready";
  static final int HEALTH_PORT = 8080;
  /** The daemon's sweep period (simulated). */
  static final Duration SWEEP = Duration.ofSeconds(60);

  /**
   * The built-in Windows profile with a first boot of about 6.5 minutes (log-normal, 5.5 to 7.5): longer
   * than a hook's heartbeat timeout and far beyond a probe interval, well inside the 30 min deadline.
   */
  static BootProfile windowsLike() {
    return BootProfile.windows().withFirstBootSetup(
        Distribution.logNormal(Duration.ofMinutes(6), 0.1, Duration.ofSeconds(330), Duration.ofSeconds(450)),
        Duration.ofSeconds(20));
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  final String row;
  final WarmPoolEmulator emulator;
  final AwsClients admin;
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final JsonLogListener log;
  final List<String> deliveryFailures = new CopyOnWriteArrayList<>();
  private final ExecutorService deliveries = Executors.newSingleThreadExecutor(daemonThreads("events"));
  private final List<Runner> runners = new CopyOnWriteArrayList<>();
  private final List<CliDaemon> processes = new CopyOnWriteArrayList<>();
  private volatile Consumer<String> deliver = this::toCurrentDaemon;
  private volatile Runner current;

  FaultWorld(String row, double speed, long seed, EmulatorFaults faults) throws IOException, InterruptedException {
    this(row, speed, seed, faults, windowsLike());
  }

  FaultWorld(String row, double speed, long seed, EmulatorFaults faults, BootProfile windows)
      throws IOException, InterruptedException {
    this.row = row;
    // The emulator claims its loopback block machine-wide, so no other test's instances share its addresses.
    this.emulator = WarmPoolEmulator.builder().speed(speed).seed(seed).faults(faults)
        .bootProfile(windows.withName("windows")).defaultBootProfile("windows").healthPort(HEALTH_PORT)
        .listener(json -> deliveries.execute(() -> deliver.accept(json)))
        .start();
    this.log = new JsonLogListener(new PrintStream(logBytes, true, StandardCharsets.UTF_8), emulator.clock().asJavaClock());
    this.admin = clients();
  }

  /** SDK clients for this emulator, static test credentials, explicit region, loopback endpoint. */
  AwsClients clients() {
    return AwsClients.builder().endpoint(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  /** Replaces how lifecycle events reach the runners (default: each to the daemon running now). */
  void deliverWith(Consumer<String> delivery) {
    this.deliver = delivery;
  }

  /** Hands one event to the daemon running now; dropped while none runs (a killed process gets nothing). */
  void toCurrentDaemon(String json) {
    Runner r = current;
    if (r != null && !r.killed) {
      try {
        r.daemon.onEvent(json);
      } catch (RuntimeException e) {
        deliveryFailures.add(e.toString());
      }
    }
  }

  /**
   * Creates a managed group with no instances: a Windows launch template serving {@code healthPort}, the
   * launching hook created with the group (with {@code hookMetadata}, or none). {@link #fillPool} then starts
   * the first boots, so a runner started in between sees every event.
   */
  void group(String name, int maxSize, int heartbeatTimeoutSeconds, int healthPort, String hookMetadata) {
    String lt = admin.ec2().createLaunchTemplate(r -> r.launchTemplateName(name + "-lt")
            .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.medium"))
            .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                Tag.builder().key(BootProfile.TAG).value("windows").build(),
                Tag.builder().key(BootProfile.HEALTH_PORT_TAG).value(String.valueOf(healthPort)).build())))
        .launchTemplate().launchTemplateId();
    admin.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(maxSize)
        .desiredCapacity(0).launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName(HOOK)
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(heartbeatTimeoutSeconds)
            .defaultResult("ABANDON").notificationMetadata(hookMetadata).build()));
  }

  void group(String name, int maxSize, int heartbeatTimeoutSeconds) {
    group(name, maxSize, heartbeatTimeoutSeconds, HEALTH_PORT, null);
  }

  /** Puts a stopped warm pool of {@code n} instances on the group: {@code n} first boots start. */
  void fillPool(String group, int n) {
    admin.autoScaling().putWarmPool(r -> r.autoScalingGroupName(group).minSize(n).maxGroupPreparedCapacity(n)
        .poolState(WarmPoolState.STOPPED));
  }

  void scaleTo(String group, int desired) {
    admin.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(desired));
  }

  /** Waits until the group has {@code inService} instances in service, {@code inPool} stopped in the pool, and nothing waits. */
  boolean awaitSettled(String group, int inService, int inPool, Duration realTimeout) throws InterruptedException {
    return await(realTimeout, () -> {
      List<InstanceSnapshot> all = instances(group);
      return emulator.activeActions().stream().noneMatch(a -> a.groupName().equals(group))
          && all.stream().filter(i -> i.lifecycleState().equals("InService")).count() == inService
          && all.stream().filter(i -> i.lifecycleState().equals("Warmed:Stopped")).count() == inPool;
    });
  }

  /** What the group's instances are doing now, for failure messages. */
  String states(String group) {
    return instances(group).stream().map(i -> i.instanceId() + "=" + i.lifecycleState()).toList().toString();
  }

  /** The gate's settings for every row unless it says otherwise: probe the health port's root. */
  static Map<String, String> baseEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("WARMGATE_HTTP_PORT", String.valueOf(HEALTH_PORT));
    env.put("WARMGATE_HTTP_PATH", "/");
    env.put("WARMGATE_HEARTBEAT_MARGIN", "180s");
    return env;
  }

  /** Starts a daemon wired like {@code warmgate run --group ...} over {@code groups}; it becomes the current one. */
  Runner startDaemon(List<String> groups, Map<String, String> env, boolean listen) {
    return startDaemon(groups, groups, env, listen);
  }

  /** A daemon that sweeps {@code swept} and takes events of {@code managed} (no sweep: events alone drive it). */
  Runner startDaemon(List<String> swept, List<String> managed, Map<String, String> env, boolean listen) {
    Runner r = new Runner(swept, managed, env, listen);
    runners.add(r);
    current = r;
    return r;
  }

  /**
   * Starts {@code warmgate run ARGS} as its own process from the built CLI jar, against this world's emulator (which
   * must run at 1x: the process reads the wall clock). It is stopped gracefully when the world closes, unless
   * killed before.
   */
  CliDaemon startProcess(List<String> args, Map<String, String> env) throws IOException {
    if (emulator.clock().speed() != 1.0) {
      throw new IllegalStateException("a process reads the wall clock: its emulator must run at 1x, not "
          + emulator.clock().speed());
    }
    CliDaemon process = new CliDaemon(this, processes.size() + 1, args, env);
    processes.add(process);
    return process;
  }

  /** Adds one line a process wrote to the runners' log. */
  void appendLog(String line) {
    logBytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The emulator's entries of one kind whose text starts with {@code prefix}, in order. */
  List<TimelineEntry> entries(TimelineEntry.Kind kind, String prefix) {
    return emulator.timeline().stream().filter(e -> e.kind() == kind && e.to().startsWith(prefix)).toList();
  }

  List<TimelineEntry> entries(String instanceId, TimelineEntry.Kind kind, String prefix) {
    return emulator.timeline(instanceId).stream().filter(e -> e.kind() == kind && e.to().startsWith(prefix)).toList();
  }

  /** Every instance the group ever launched. */
  List<InstanceSnapshot> instances(String group) {
    return emulator.instances().stream().filter(i -> group.equals(i.groupName())).toList();
  }

  /** Lines of the runners' JSON log whose event is {@code event}. */
  List<String> logLines(String event) {
    String marker = "\"event\":\"" + event + "\"";
    return log().lines().filter(l -> l.contains(marker)).toList();
  }

  /** The log's lines of {@code event} about one instance, parsed. */
  List<com.fasterxml.jackson.databind.JsonNode> logEvents(String event, String instanceId) {
    List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
    for (String line : logLines(event)) {
      if (line.contains("\"instanceId\":\"" + instanceId + "\"")) {
        try {
          out.add(JSON.readTree(line));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** Waits, in bounded real time, until {@code done} holds; false if it never did. */
  boolean await(Duration realTimeout, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + realTimeout.toNanos();
    while (System.nanoTime() < end) {
      if (done.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return done.getAsBoolean();
  }

  /** The instance's waits so far, from the timeline. */
  InstanceWaits waits(InstanceSnapshot instance) {
    List<TimelineEntry> actions = emulator.timeline(instance.instanceId()).stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && !e.to().startsWith("heartbeat")).toList();
    long started = actions.stream().filter(e -> e.to().startsWith("started ")).count();
    return new InstanceWaits(started, actions.size() - started);
  }

  /** How many waits an instance started and how many ended. */
  record InstanceWaits(long started, long ended) {
    boolean isOpen() {
      return started == 0 || ended < started;
    }
  }

  /** The clock's worst lateness so far: beyond a row's bound its figures are not to be trusted. */
  Duration maxLateness() {
    return emulator.clock().maxLateness();
  }

  @Override
  public void close() {
    for (Runner r : runners) {
      r.stop();
    }
    processes.forEach(CliDaemon::close);
    // The runners' full JSON log, for a failed row's post-mortem.
    try {
      java.nio.file.Path dir = java.nio.file.Path.of("target", "reliability");
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(dir.resolve(row + "-gate.log"), log(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      deliveryFailures.add("could not write the log: " + e);
    }
    deliveries.shutdownNow();
    admin.close();
    emulator.close();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, "faults-" + name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * One daemon process, in this JVM: its own clients, executor and scheduler. {@link #kill()} stops it
   * as SIGKILL would, at whatever point it is: no graceful shutdown, timers and calls simply end.
   */
  final class Runner {
    final Daemon daemon;
    final Gate gate;
    private final AwsClients clients = clients();
    private final ExecutorService executor = Executors.newFixedThreadPool(4, daemonThreads("gate"));
    private final KillableScheduler scheduler = new KillableScheduler(new EmulatorScheduler(emulator.clock()));
    private volatile boolean killed;

    private Runner(List<String> swept, List<String> managedGroups, Map<String, String> env, boolean listen) {
      AwsGateFactory aws = AwsGateFactory.of(clients, scheduler);
      gate = aws.gate().executor(executor).environment(env).listener(log).build();
      List<String> sweeps = List.copyOf(swept);
      List<String> managed = List.copyOf(managedGroups);
      daemon = new Daemon(gate, aws.sweeper(() -> sweeps, gate, executor), () -> managed, scheduler, log,
          new Daemon.Options(SWEEP, listen ? Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              : Optional.empty(), Duration.ofSeconds(10)));
      daemon.start();
    }

    /** Ends the process abruptly: nothing more runs, nothing is handed over, in-flight calls are cut. */
    void kill() {
      killed = true;
      scheduler.kill();
      executor.shutdownNow();
      clients.close();
    }

    private void stop() {
      if (!killed) {
        daemon.close();
        killed = true;
      }
      scheduler.kill();
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      clients.close();
    }
  }

  /** A scheduler that, once killed, runs nothing more: a dead process's timers. */
  static final class KillableScheduler implements Scheduler {
    private final Scheduler delegate;
    private volatile boolean dead;
    private final List<Cancellable> pending = new ArrayList<>();

    KillableScheduler(Scheduler delegate) {
      this.delegate = delegate;
    }

    @Override
    public Instant now() {
      return delegate.now();
    }

    @Override
    public Cancellable scheduleAt(Instant at, Runnable task) {
      Cancellable c = delegate.scheduleAt(at, () -> {
        if (!dead) {
          task.run();
        }
      });
      synchronized (pending) {
        pending.add(c);
        if (pending.size() > 10_000) {
          pending.subList(0, 5_000).clear();
        }
      }
      return c;
    }

    void kill() {
      dead = true;
      synchronized (pending) {
        pending.forEach(Cancellable::cancel);
        pending.clear();
      }
    }
  }
}
