package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** close() gives back every port and thread the emulator took, health endpoints included. */
class EmulatorCloseTest {

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
  }

  private static boolean bindable(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void closeReleasesTheApiPortEveryHealthEndpointAndEveryThread() {
    Set<Thread> before = liveThreads();
    String healthIp;
    int apiPort;
    int healthPort = 18391;
    EmulatedAws s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(31L));
    try {
      String lt = s.launchTemplate("close", "instant", healthPort);
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("close").minSize(2).maxSize(2)
          .launchTemplate(t -> t.launchTemplateId(lt)));
      await().atMost(Duration.ofSeconds(20)).until(() -> s.emulator.instances().size() == 2
          && s.emulator.instances().stream().allMatch(InstanceSnapshot::healthy));
      healthIp = s.emulator.instances().get(0).privateIp();
      apiPort = s.emulator.port();
      assertThat(bindable(healthIp, healthPort)).isFalse();
      assertThat(bindable("127.0.0.1", apiPort)).isFalse();
    } finally {
      s.close();
    }
    assertThat(bindable("127.0.0.1", apiPort)).isTrue();
    assertThat(bindable(healthIp, healthPort)).isTrue();
    // Bounded: threads that outlive close() by more than a few seconds are a leak.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(liveThreads())
        .filteredOn(t -> !before.contains(t))
        .extracting(Thread::getName)
        .filteredOn(n -> n.startsWith("emulator") || n.contains("EventLoop") || n.contains("HttpClient"))
        .isEmpty());
  }
}
