package io.warmgate.emulator.internal.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.engine.TestInstances;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Health endpoints opened and closed at once, and on a port someone else holds. */
class HealthServersTest {

  @Test
  void anEndpointClosedBeforeItsBindFinishedIsNotReportedAsAPortConflict() throws Exception {
    try (ServerSocket taken = new ServerSocket(); HealthServers health = new HealthServers(1)) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      SimInstance i = TestInstances.instance("i-0aaaaaaaaaaaaaaa1", "127.0.0.1", taken.getLocalPort());
      // Hold the only event-loop thread, so the bind cannot run before the instance stops.
      CountDownLatch release = new CountDownLatch(1);
      health.loop.next().execute(() -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      ChannelFuture bind = health.bind(i);
      health.close(i);
      release.countDown();
      assertThat(bind.await(10, TimeUnit.SECONDS)).isTrue();
      // Its listener ran on the loop before this task does.
      health.loop.next().submit(() -> { }).await(10, TimeUnit.SECONDS);
      assertThat(bind.isSuccess()).as("the bind failed (taken port or closed channel)").isFalse();
      assertThat(health.failed(i)).isFalse();
    }
  }

  @Test
  void aPortHeldByAnotherProcessIsReportedAndTheOthersStillServe() throws IOException, InterruptedException {
    try (ServerSocket taken = new ServerSocket(); HealthServers health = new HealthServers(1)) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      SimInstance blocked = TestInstances.instance("i-0aaaaaaaaaaaaaaaa", "127.0.0.1", taken.getLocalPort());
      ChannelFuture bind = health.bind(blocked);
      assertThat(bind.await(10, TimeUnit.SECONDS)).isTrue();
      health.loop.next().submit(() -> { }).await(10, TimeUnit.SECONDS);
      assertThat(health.failed(blocked)).isTrue();
    }
  }
}
