package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.warmgate.emulator.EmulatorFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AutoScalingLifecycleHooksTest {

  private static EmulatedAws aws;
  private static AwsClients clients;

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    aws.groupWithWarmPool("web", "ready", 0, "{\"warmgate\":{\"http\":{\"port\":80}}}");
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private static long describeCalls() {
    return aws.emulator.apiCallCounts().getOrDefault("DescribeLifecycleHooks", 0L);
  }

  @Test
  void readsTheHookWithItsTimeoutsResultAndMetadata() {
    LifecycleHook hook = new AutoScalingLifecycleHooks(clients.autoScaling()).find("web", "ready").orElseThrow();

    assertThat(hook.transition()).isEqualTo(LifecycleTransition.LAUNCHING);
    assertThat(hook.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(hook.globalTimeout()).isEqualTo(Duration.ofSeconds(60_000));
    assertThat(hook.defaultResult()).isEqualTo(LifecycleResult.ABANDON);
    assertThat(hook.notificationMetadata()).contains("{\"warmgate\":{\"http\":{\"port\":80}}}");
  }

  @Test
  void cachesEachGroupAndHookUntilTheTtlPasses() {
    ManualClock clock = new ManualClock();
    AutoScalingLifecycleHooks hooks = new AutoScalingLifecycleHooks(clients.autoScaling(), clock, Duration.ofMinutes(5));
    long before = describeCalls();

    hooks.find("web", "ready");
    hooks.find("web", "ready");
    hooks.find("web", "missing");
    hooks.find("web", "missing");
    assertThat(describeCalls() - before).isEqualTo(2);

    clock.now.set(clock.now.get().plus(Duration.ofMinutes(6)));
    hooks.find("web", "ready");
    assertThat(describeCalls() - before).isEqualTo(3);
  }

  @Test
  void hookNotFoundIsNotCachedForFiveMinutes() {
    // The reported bug: an early or forged event cached "no such hook" for the whole TTL, so the real
    // event for a hook created a moment later ended STOPPED.
    ManualClock clock = new ManualClock();
    AutoScalingLifecycleHooks hooks = new AutoScalingLifecycleHooks(clients.autoScaling(), clock, Duration.ofMinutes(5));
    assertThat(hooks.find("web", "late")).isEmpty();
    clients.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("late")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300));
    try {
      long before = describeCalls();
      assertThat(hooks.find("web", "late")).as("an absence is still cached for a moment").isEmpty();
      assertThat(describeCalls()).isEqualTo(before);

      clock.now.set(clock.now.get().plus(AutoScalingLifecycleHooks.ABSENCE_TTL));
      assertThat(hooks.find("web", "late")).as("found once the brief absence TTL passed").isPresent();
    } finally {
      clients.autoScaling().deleteLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("late"));
    }
  }

  @Test
  void concurrentMissesForOneHookShareOneCall() throws Exception {
    // Every call answers after 300 ms, so the workers' lookups overlap as a scale-out's do; before, each
    // of them asked AWS (8 calls here, 16 with the Lambda's workers).
    try (EmulatedAws slow = EmulatedAws.start(b -> b.faults(EmulatorFaults.NONE.withLatency(Duration.ofMillis(300))));
        AwsClients slowClients = EmulatorClients.of(slow)) {
      slow.groupWithWarmPool("web", "ready", 0, "{}");
      AutoScalingLifecycleHooks hooks = new AutoScalingLifecycleHooks(slowClients.autoScaling());
      long before = slow.emulator.apiCallCounts().getOrDefault("DescribeLifecycleHooks", 0L);
      ExecutorService workers = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<LifecycleHook>>> found = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          found.add(workers.submit(() -> {
            go.await();
            return hooks.find("web", "ready");
          }));
        }
        go.countDown();
        for (Future<Optional<LifecycleHook>> f : found) {
          assertThat(f.get(30, TimeUnit.SECONDS)).hasValueSatisfying(h -> assertThat(h.hookName()).isEqualTo("ready"));
        }
      } finally {
        workers.shutdownNow();
      }
      assertThat(slow.emulator.apiCallCounts().getOrDefault("DescribeLifecycleHooks", 0L) - before).isEqualTo(1);
    }
  }

  @Test
  void anUnknownHookOrGroupIsEmpty() {
    AutoScalingLifecycleHooks hooks = new AutoScalingLifecycleHooks(clients.autoScaling());

    assertThat(hooks.find("web", "missing")).isEmpty();
    assertThat(hooks.find("no-such-group", "ready")).isEmpty();
    assertThat(hooks.list("no-such-group")).isEmpty();
  }

  @Test
  void listsEveryHookOfAGroup() {
    assertThat(new AutoScalingLifecycleHooks(clients.autoScaling()).list("web"))
        .extracting(LifecycleHook::hookName)
        .containsExactly("ready");
  }
}
