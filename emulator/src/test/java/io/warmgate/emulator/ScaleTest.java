package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * Holds a fleet of simulated instances in one process: launched, booted and probed over real
 * sockets, then measures API requests per second on loopback. Prints figures, asserts outcomes
 * only. 200 instances by default; {@code -Dwarmgate.scale=1000} for the full fleet.
 */
class ScaleTest {
  private static final int FLEET = Integer.getInteger("warmgate.scale", 200);

  @Test
  void aFleetBootsAndEveryHealthEndpointAnswers() throws Exception {
    try (EmulatedAws s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(1L))) {
      String lt = s.launchTemplate("fleet", "linux", 18200);
      long t0 = System.nanoTime();
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("fleet").minSize(0).maxSize(FLEET)
          .desiredCapacity(FLEET).launchTemplate(t -> t.launchTemplateId(lt)));
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
          s.emulator.instances().stream().filter(InstanceSnapshot::healthy).count() == FLEET);
      long booted = System.nanoTime();

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      Semaphore inFlight = new Semaphore(64);
      AtomicInteger ok = new AtomicInteger();
      List<CompletableFuture<?>> probes = new ArrayList<>();
      for (InstanceSnapshot i : s.emulator.instances()) {
        inFlight.acquire();
        URI uri = URI.create("http://" + i.privateIp() + ":" + i.healthPort() + "/health");
        probes.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding())
            .whenComplete((resp, err) -> {
              inFlight.release();
              if (err == null && resp.statusCode() == 200) {
                ok.incrementAndGet();
              }
            }));
      }
      CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
      long probed = System.nanoTime();
      assertThat(ok.get()).isEqualTo(FLEET);

      int threads = 4;
      int callsPerThread = FLEET >= 1000 ? 500 : 150;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Integer>> results = new ArrayList<>();
      long a0 = System.nanoTime();
      for (int k = 0; k < threads; k++) {
        results.add(pool.submit(() -> {
          int done = 0;
          try (AutoScalingClient client = LoopbackClients.autoScaling(s.emulator.endpoint())) {
            for (int c = 0; c < callsPerThread; c++) {
              client.describeLifecycleHooks(r -> r.autoScalingGroupName("fleet"));
              done++;
            }
          }
          return done;
        }));
      }
      int calls = 0;
      for (Future<Integer> f : results) {
        calls += f.get();
      }
      long a1 = System.nanoTime();
      pool.shutdown();
      assertThat(calls).isEqualTo(threads * callsPerThread);

      // Raw form POSTs (no SDK marshalling or signing) show the endpoint's own throughput.
      int rawCalls = FLEET >= 1000 ? 20_000 : 2_000;
      Semaphore window = new Semaphore(32);
      AtomicInteger rawOk = new AtomicInteger();
      HttpRequest describe = HttpRequest.newBuilder(s.emulator.endpoint())
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(
              "Action=DescribeLifecycleHooks&Version=2011-01-01&AutoScalingGroupName=fleet"))
          .build();
      List<CompletableFuture<?>> raw = new ArrayList<>();
      long r0 = System.nanoTime();
      for (int k = 0; k < rawCalls; k++) {
        window.acquire();
        raw.add(http.sendAsync(describe, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
          window.release();
          if (err == null && resp.statusCode() == 200) {
            rawOk.incrementAndGet();
          }
        }));
      }
      CompletableFuture.allOf(raw.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
      long r1 = System.nanoTime();
      assertThat(rawOk.get()).isEqualTo(rawCalls);
      System.out.printf("scale: raw API: %d form POSTs (32 in flight) in %.2f s = %.0f req/s%n",
          rawCalls, (r1 - r0) / 1e9, rawCalls / ((r1 - r0) / 1e9));

      System.out.printf("scale: %d instances launched+booted in %.1f s real (%.0f s simulated at 600x), "
              + "%d health probes 200 in %.2f s; API: %d SDK calls from %d threads in %.2f s = %.0f req/s%n",
          FLEET, (booted - t0) / 1e9, (booted - t0) / 1e9 * 600, ok.get(), (probed - booted) / 1e9,
          calls, threads, (a1 - a0) / 1e9, calls / ((a1 - a0) / 1e9));
    }
  }
}
