package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.TcpProbeSpec;
import io.warmgate.core.testing.FakeScheduler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

  private final FakeScheduler scheduler = new FakeScheduler(Instant.parse("2026-01-01T10:00:00Z"));

  private ProbeResult check(int port) throws Exception {
    TcpProbe probe = new TcpProbe(new TcpProbeSpec(port, Duration.ofSeconds(1)), scheduler);
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
    TcpProbe probe = new TcpProbe(TcpProbeSpec.tcp(22), scheduler);

    ProbeResult r = probe.check(new ProbeTarget("i-1", "")).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(r.passed()).isFalse();
  }
}
