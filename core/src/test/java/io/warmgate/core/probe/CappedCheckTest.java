package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.testing.FakeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class CappedCheckTest {

  private final FakeScheduler scheduler = new FakeScheduler(Instant.parse("2026-01-01T10:00:00Z"));

  /** A probe that never answers. */
  private static final Probe SILENT = new Probe() {
    @Override
    public String name() {
      return "silent";
    }

    @Override
    public CompletionStage<ProbeResult> check(ProbeTarget target) {
      return new CompletableFuture<>();
    }
  };

  @Test
  void probeTimeoutsRunInRealTimeUnderAnAcceleratedClock() throws Exception {
    // Regression (issue 10, one clock): the cap was an orTimeout on the JDK's real-time timer, so under
    // the emulator's accelerated clock a 5 s cap lasted 5 real seconds. It now runs on the scheduler.
    CompletableFuture<ProbeResult> r = CappedCheck.check(SILENT, new ProbeTarget("i-1", "10.0.0.1"), Duration.ofSeconds(5), scheduler);

    Thread.sleep(50);
    assertThat(r).as("no time has passed on the gate's clock").isNotDone();
    scheduler.advance(Duration.ofMillis(4_999));
    assertThat(r).isNotDone();

    scheduler.advance(Duration.ofMillis(1));

    assertThat(r).isDone();
    assertThat(r.join().passed()).isFalse();
    assertThat(r.join().detail()).isEqualTo("timeout after 5s (probeTimeout)");
    assertThat(r.join().at()).isEqualTo(Instant.parse("2026-01-01T10:00:05Z"));
  }

  @Test
  void aProbeThatThrowsIsAFailingResult() {
    Probe throwing = new Probe() {
      @Override
      public String name() {
        return "throwing";
      }

      @Override
      public CompletionStage<ProbeResult> check(ProbeTarget target) {
        throw new IllegalStateException("boom");
      }
    };

    ProbeResult r = CappedCheck.check(throwing, new ProbeTarget("i-1", "10.0.0.1"), Duration.ofSeconds(5), scheduler).join();

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).contains("boom");
  }
}
