package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.testing.FakeScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Ec2ConsoleProbeTest {

  private static final Instant BOOT = Instant.parse("2026-01-01T10:00:00Z");
  private final FakeScheduler scheduler = new FakeScheduler(BOOT.plus(Duration.ofMinutes(5)));
  private final List<String> calls = new ArrayList<>();
  private String text = "2026/01/01 10:03:00Z: Message: Windows is Ready to use\n";

  private final ConsoleOutputs console = (id, latest) -> {
    synchronized (calls) {
      calls.add(id + (latest ? " latest" : " buffered"));
    }
    return new ConsoleOutputs.ConsoleOutput(
        Optional.of(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))), Optional.empty());
  };

  private ProbeResult check(Ec2ConsoleProbe probe, String id) throws Exception {
    return probe.check(new ProbeTarget(id, "", BOOT)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Ec2ConsoleProbe probe(ConsoleOutputs port, ApiBudget budget) {
    return new Ec2ConsoleProbe(new Ec2ConsoleProbeSpec(), port, Runnable::run, scheduler, budget);
  }

  @Test
  void passesOnTheReadyLineOfThisBootAndAsksForTheLatestOutput() throws Exception {
    ProbeResult r = check(probe(console, ApiBudget.defaults(scheduler)), "i-1");

    assertThat(r.passed()).isTrue();
    assertThat(calls).containsExactly("i-1 latest");
  }

  @Test
  void failsWhenTheBootStartIsUnknown() throws Exception {
    ProbeResult r = probe(console, ApiBudget.defaults(scheduler)).check(new ProbeTarget("i-1", "")).toCompletableFuture().get();

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).contains("start of the current boot is unknown");
    assertThat(calls).isEmpty();
  }

  @Test
  void readsAnInstanceThatRefusesLatestWithoutItFromThenOn() throws Exception {
    ConsoleOutputs xen = (id, latest) -> {
      if (latest) {
        calls.add(id + " refused");
        throw new ConsoleOutputs.LatestUnsupportedException("Latest is not supported for " + id, null);
      }
      return console.read(id, false);
    };
    ApiBudget budget = ApiBudget.defaults(scheduler);
    Ec2ConsoleProbe probe = probe(xen, budget);

    ProbeResult first = check(probe, "i-1");
    scheduler.advance(Duration.ofSeconds(1));
    ProbeResult second = check(probe, "i-1");

    assertThat(first.passed()).isFalse();
    assertThat(first.detail()).contains("not a Nitro instance");
    assertThat(second.passed()).isTrue();
    assertThat(calls).containsExactly("i-1 refused", "i-1 buffered");
  }

  @Test
  void pacesEachInstancesReadsByTheNumberWaitingSoTheApiRateStaysInsideTheBudget() throws Exception {
    text = "2026/01/01 10:03:00Z: Windows is being configured. 'SysprepState is IMAGE_STATE_UNDEPLOYABLE'\n";
    ApiBudget budget = new ApiBudget(scheduler, 10, 50);
    Ec2ConsoleProbe probe = probe(console, budget);
    int instances = 1_000;
    int rounds = 0;
    // Every instance is checked every 2 s for 5 minutes of the gate's clock.
    for (int t = 0; t < 300; t += 2) {
      for (int i = 0; i < instances; i++) {
        ProbeResult r = check(probe, "i-" + i);
        assertThat(r.passed()).isFalse();
        rounds++;
      }
      scheduler.advance(Duration.ofSeconds(2));
    }

    // 10 calls per second for 300 s, plus the first burst of 50: never more.
    assertThat(calls.size()).isLessThanOrEqualTo(10 * 300 + 50);
    assertThat(calls.size()).isGreaterThan(10 * 300 / 2);
    assertThat(rounds).isEqualTo(150 * instances);
    assertThat(budget.readInterval()).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void answersTheLastVerdictBetweenReadsAndReadsAgainInANewBoot() throws Exception {
    Ec2ConsoleProbe probe = probe(console, ApiBudget.defaults(scheduler));
    check(probe, "i-1");
    ProbeResult cached = check(probe, "i-1");
    assertThat(cached.passed()).isTrue();
    assertThat(cached.detail()).contains("reads paced");

    scheduler.advance(Duration.ofMinutes(10));
    Instant secondBoot = scheduler.now();
    ProbeResult warmStart = probe.check(new ProbeTarget("i-1", "", secondBoot)).toCompletableFuture().get();

    assertThat(warmStart.passed()).as("the first boot's ready line never passes the second boot").isFalse();
    assertThat(warmStart.detail()).contains("earlier boot");
    assertThat(calls).hasSize(2);
  }
}
