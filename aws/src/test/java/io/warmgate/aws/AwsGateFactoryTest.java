package io.warmgate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.SweepReport;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.port.GateListener.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A runner's whole AWS wiring in a few lines: gate and sweeper from one factory, against the emulator. */
class AwsGateFactoryTest {

  @Test
  void aGateAndSweeperFromTheFactoryLetAWarmPoolInstanceIntoThePool() throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(2);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    // Speed 60: the hook's 600 s heartbeat timeout is 10 s of real time, ample for set-up and a few rounds.
    try (EmulatedAws aws = EmulatedAws.start(e -> e.speed(60))) {
      AwsClients clients = EmulatorClients.of(aws);
      aws.groupWithWarmPool("web", "ready", 1, "{\"warmgate\":{\"http\":{\"port\":8080,\"path\":\"/health\"}}}");
      String id = aws.awaitWaitingInPool("web", 1).get(0);
      ExecutorScheduler scheduler = new ExecutorScheduler(aws.emulator.clock().asJavaClock(), timer, aws.emulator.clock().speed());
      AwsGateFactory factory = AwsGateFactory.of(clients, scheduler);
      Gate gate = factory.gate().executor(workers).environment(Map.of("WARMGATE_CONSECUTIVE", "1", "WARMGATE_SETTLE", "0s", "WARMGATE_INTERVAL", "5s")).build();
      Sweeper sweeper = factory.sweeper(new TaggedManagedGroups(clients.autoScaling(), List.of("web"), ""), gate, workers);
      SweepReport report = sweeper.sweep(scheduler.now().plus(Duration.ofHours(1))).toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(report.problems()).isEmpty();
      assertThat(report.outcomes()).containsExactlyEntriesOf(Map.of(Outcome.CONTINUED, 1));
      await().atMost(EmulatedAws.WAIT).until(() -> aws.pool("web").stream()
          .anyMatch(i -> i.instanceId().equals(id) && "Warmed:Stopped".equals(i.lifecycleStateAsString())));
      gate.close();
    } finally {
      workers.shutdownNow();
      timer.shutdownNow();
    }
  }
}
