package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.TcpProbeSpec;
import io.warmgate.core.port.InstanceStatusChecks;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Probes probes = new Probes(new ExecutorScheduler(Clock.systemUTC(), timer),
      id -> new InstanceStatusChecks.Status("ok", "ok"), Runnable::run);

  @AfterEach
  void stop() {
    probes.close();
    timer.shutdownNow();
  }

  private ProbeResult check(int port) throws Exception {
    Probe probe = probes.from(new TcpProbeSpec(port, Duration.ofSeconds(1)));
    return probe.check(new ProbeTarget("i-1", "127.0.0.1")).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void passesWhenTheConnectionIsAccepted() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ProbeResult r = check(ss.getLocalPort());

      assertThat(r.passed()).isTrue();
      assertThat(r.probe()).isEqualTo("tcp:" + ss.getLocalPort());
      assertThat(r.detail()).isEqualTo("connected");
    }
  }

  @Test
  void failsWhenTheConnectionIsRefused() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }

    ProbeResult r = check(port);

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).startsWith("connection refused");
  }

  @Test
  void failsOnAnAddressThatIsNotAnAddress() throws Exception {
    Probe probe = probes.from(TcpProbeSpec.tcp(22));

    ProbeResult r = probe.check(new ProbeTarget("i-1", "")).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(r.passed()).isFalse();
  }

  @Test
  void failsWithinItsTimeoutWhenTheServerNeverAccepts() throws Exception {
    // A listener that never accepts, its backlog filled: further SYNs are dropped, so connects hang.
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
      boolean dropping = false;
      try {
        for (int i = 0; i < 8 && !dropping; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(ss.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (java.net.SocketTimeoutException full) {
            s.close();
            dropping = true;
          }
        }
        // Linux drops SYNs to a full backlog; other systems may refuse instead, which another test covers.
        org.junit.jupiter.api.Assumptions.assumeTrue(dropping, "this OS does not drop connections to a full backlog");
        Probe probe = probes.from(new TcpProbeSpec(ss.getLocalPort(), Duration.ofMillis(300)));

        ProbeResult r = probe.check(new ProbeTarget("i-1", "127.0.0.1")).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("timeout after 300ms");
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }
}
