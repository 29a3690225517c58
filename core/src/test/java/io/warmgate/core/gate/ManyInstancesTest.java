package io.warmgate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Location;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.port.LaunchOrigins;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.FakeLifecycleHooks;
import io.warmgate.core.testing.FlatMetadataParser;
import io.warmgate.core.testing.RecordingLifecycleActions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One gate drives 500 waiting instances at once with real loopback HTTP probes on a handful of threads:
 * the thread count stays bounded, far below one per instance.
 */
class ManyInstancesTest {

  private static final int INSTANCES = 500;

  @Test
  void fiveHundredInstancesAreGatedOnAFewThreads() throws Exception {
    // Each instance answers 503 for its first two probes, then 200: every gate needs several rounds.
    Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
    server.createContext("/health", exchange -> {
      String id = exchange.getRequestURI().getQuery();
      int n = hits.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      exchange.sendResponseHeaders(n > 2 ? 200 : 503, -1);
      exchange.close();
    });
    server.setExecutor(serverThreads);
    server.start();

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ExecutorService ports = Executors.newFixedThreadPool(4);
    ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), timer);
    FakeInstances instances = new FakeInstances();
    FakeLifecycleHooks hooks = new FakeLifecycleHooks();
    RecordingLifecycleActions actions = new RecordingLifecycleActions(scheduler);
    int port = server.getAddress().getPort();
    Map<String, String> env = Map.of(
        "WARMGATE_HTTP_PORT", Integer.toString(port),
        "WARMGATE_INTERVAL", "200ms",
        "WARMGATE_CONSECUTIVE", "2",
        "WARMGATE_SETTLE", "0s");
    // Each instance's probe path carries its id (through its own hook's metadata), so one server tells them apart.
    Instant now = Instant.now();
    List<CompletableFuture<ActionFinished>> runs = new ArrayList<>();
    int peak = before;
    String peakNames = "";
    String beforeNames = threadNames();
    try (Gate gate = Gate.builder().instances(instances).hooks(hooks).actions(actions).origins(LaunchOrigins.UNKNOWN)
        .statusChecks(id -> new InstanceStatusChecks.Status("ok", "ok")).scheduler(scheduler).executor(ports)
        .metadataParser(new FlatMetadataParser()).environment(env).build()) {
      for (int i = 0; i < INSTANCES; i++) {
        String id = "i-" + i;
        instances.put(FakeInstances.waiting(id, "asg", "Warmed:Pending:Wait", "127.0.0.1", now));
        String md = "warmgate http.path=/health?" + id;
        hooks.put(FakeLifecycleHooks.launching("asg", "hook-" + i, Duration.ofMinutes(10), md));
        LifecycleAction action = new LifecycleAction("asg", "hook-" + i, Optional.of("t-" + i), id,
            io.warmgate.core.model.LifecycleTransition.LAUNCHING, Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));
        runs.add(gate.run(action, now.plus(Duration.ofMinutes(10))).toCompletableFuture());
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0]));
      while (!all.isDone()) {
        int count = threads.getThreadCount();
        if (count > peak) {
          peak = count;
          peakNames = threadNames();
        }
        try {
          all.get(20, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          // keep sampling the thread count
        }
      }
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
      timer.shutdownNow();
      ports.shutdownNow();
    }

    assertThat(runs).allSatisfy(r -> assertThat(r.join().outcome()).isEqualTo(Outcome.CONTINUED));
    assertThat(actions.completions()).hasSize(INSTANCES);
    assertThat(hits.values()).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(4));
    System.out.printf("%d instances gated; threads before %d, peak %d; at peak: %s%n", INSTANCES, before, peak, peakNames);
    // The gate's own threads are fixed (1 timer, 4 port workers, 2 HTTP workers, 1 selector). On machines
    // with fewer than 3 cores the JDK's HttpClient also hands every response to a short-lived thread
    // ("Thread-N", CompletableFuture's thread-per-task default executor); those come and go with
    // responses, so the bound is generous, yet far below one thread per instance.
    assertThat(peak - before).as("threads added while gating %d instances; before: %s; at peak: %s", INSTANCES, beforeNames, peakNames)
        .isLessThan(INSTANCES / 5);
  }

  /** Thread names with a count per name pattern (digits dropped), for the failure message. */
  private static String threadNames() {
    Map<String, Integer> byPattern = new java.util.TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      byPattern.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return byPattern.toString();
  }
}
