package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.port.GatePortException;
import io.warmgate.emulator.EmulatorFaults;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchingInstancesTest {

  private static final Duration WINDOW = Duration.ofMillis(300);

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static List<String> waiting;
  private static ScheduledThreadPoolExecutor timer;
  private static BatchingInstances instances;
  private final ExecutorService callers = Executors.newFixedThreadPool(8);

  @BeforeAll
  static void start() {
    // Speed 20: the hook's 600 s timeout lasts 30 s real, so no action expires during the tests even on
    // a loaded machine.
    aws = EmulatedAws.start(b -> b.speed(20));
    clients = EmulatorClients.of(aws);
    aws.groupWithWarmPool("web", "ready", 6, "{}");
    waiting = aws.awaitWaitingInPool("web", 6);
    timer = new ScheduledThreadPoolExecutor(1);
    instances = new BatchingInstances(clients.autoScaling(), clients.ec2(),
        new ExecutorScheduler(Clock.systemUTC(), timer, 1), WINDOW);
  }

  @AfterAll
  static void stop() {
    timer.shutdownNow();
    aws.close();
  }

  @AfterEach
  void noFaults() {
    callers.shutdownNow();
    aws.emulator.faults(EmulatorFaults.NONE);
  }

  /** Looks up every id at once from its own thread; each result is the facts or the failure. */
  private List<Object> lookUpTogether(List<String> ids) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (String id : ids) {
      results.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
          return (Object) instances.describe(id);
        } catch (GatePortException e) {
          return e;
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, callers));
    }
    go.countDown();
    List<Object> out = new ArrayList<>();
    for (CompletableFuture<Object> r : results) {
      out.add(r.get(20, TimeUnit.SECONDS));
    }
    return out;
  }

  private static long calls(Map<String, Long> before, String action) {
    return aws.emulator.apiCallCounts().getOrDefault(action, 0L) - before.getOrDefault(action, 0L);
  }

  @Test
  void concurrentLookupsShareOneCallOfEachApi() throws Exception {
    Map<String, Long> before = aws.emulator.apiCallCounts();

    List<Object> found = lookUpTogether(waiting);

    for (int k = 0; k < waiting.size(); k++) {
      InstanceFacts f = ((Optional<?>) found.get(k)).map(InstanceFacts.class::cast).orElseThrow();
      assertThat(f.instanceId()).isEqualTo(waiting.get(k));
      assertThat(f.groupName()).contains("web");
      assertThat(f.lifecycleState()).contains("Warmed:Pending:Wait");
      assertThat(f.privateIp()).hasValueSatisfying(ip -> assertThat(ip).startsWith("127."));
    }
    assertThat(calls(before, "DescribeInstances")).isEqualTo(1);
    assertThat(calls(before, "DescribeAutoScalingInstances")).isEqualTo(1);
  }

  @Test
  void anUnknownIdInABatchIsEmptyWithoutFailingTheOthers() throws Exception {
    List<String> ids = List.of(waiting.get(0), "i-0123456789abcdef0", waiting.get(1), "not-an-id");

    List<Object> found = lookUpTogether(ids);

    assertThat(((Optional<?>) found.get(0))).isPresent();
    assertThat(((Optional<?>) found.get(1))).isEmpty();
    assertThat(((Optional<?>) found.get(2))).isPresent();
    assertThat(((Optional<?>) found.get(3))).isEmpty();
  }

  @Test
  void aLoneLookupGoesOutWhenTheWindowEnds() {
    Map<String, Long> before = aws.emulator.apiCallCounts();

    assertThat(instances.describe(waiting.get(2))).map(InstanceFacts::instanceId).contains(waiting.get(2));

    assertThat(calls(before, "DescribeInstances")).isEqualTo(1);
    assertThat(calls(before, "DescribeAutoScalingInstances")).isEqualTo(1);
  }

  @Test
  void aFailedBatchFailsEveryLookupNamingItsInstance() throws Exception {
    aws.emulator.faults(EmulatorFaults.NONE.withServerErrorRate(1.0));

    List<Object> found = lookUpTogether(waiting.subList(0, 3));

    for (int k = 0; k < 3; k++) {
      assertThat(found.get(k)).isInstanceOfSatisfying(GatePortException.class, e -> {
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("DescribeInstances");
      });
      assertThat(((GatePortException) found.get(k)).getMessage()).contains(waiting.get(k));
    }
  }

  @Test
  void aWindowOutsideItsBoundsIsRefused() {
    assertThatThrownBy(() -> new BatchingInstances(clients.autoScaling(), clients.ec2(),
        new ExecutorScheduler(Clock.systemUTC(), timer, 1), Duration.ofSeconds(6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    assertThatThrownBy(() -> new BatchingInstances(clients.autoScaling(), clients.ec2(),
        new ExecutorScheduler(Clock.systemUTC(), timer, 1), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
