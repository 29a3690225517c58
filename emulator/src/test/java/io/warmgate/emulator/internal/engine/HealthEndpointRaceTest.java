package io.warmgate.emulator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.internal.instance.HealthServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Health endpoints opened and closed at once, and on a port someone else holds. */
class HealthEndpointRaceTest {

  private static SimInstance instance(String id, String ip, int port) {
    return new SimInstance(id, "r-0123456789abcdef0", ip, port, "us-east-1a", BootProfile.instant(), null, 1,
        new Random(1));
  }

  @Test
  void anEndpointClosedBeforeItsBindFinishedIsNotReportedAsAPortConflict() throws Exception {
    try (HealthServers health = new HealthServers(1)) {
      for (int k = 0; k < 50; k++) {
        SimInstance i = instance("i-0" + String.format("%016x", k), "127.0.0.1", 18591);
        health.open(i);
        health.close(i);
        Thread.sleep(2);
        assertThat(health.failed(i)).as("instance %d", k).isFalse();
      }
    }
  }

  @Test
  void aPortHeldByAnotherProcessIsReportedAndTheOthersStillServe() throws IOException, InterruptedException {
    try (ServerSocket taken = new ServerSocket(); HealthServers health = new HealthServers(1)) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      SimInstance blocked = instance("i-0aaaaaaaaaaaaaaaa", "127.0.0.1", taken.getLocalPort());
      health.open(blocked);
      for (int k = 0; k < 500 && !health.failed(blocked); k++) {
        Thread.sleep(10);
      }
      assertThat(health.failed(blocked)).isTrue();
    }
  }
}
