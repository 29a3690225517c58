package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.testing.FakeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ec2StatusProbeTest {

  private final FakeScheduler scheduler = new FakeScheduler(Instant.parse("2026-01-01T10:00:00Z"));
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private ProbeResult check(InstanceStatusChecks checks, Duration timeout) throws Exception {
    return new Ec2StatusProbe(checks, executor, scheduler, timeout)
        .check(new ProbeTarget("i-1", "10.0.0.1")).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void passesWhenBothChecksAreOk() throws Exception {
    ProbeResult r = check(id -> new InstanceStatusChecks.Status("ok", "ok"), Duration.ofSeconds(5));

    assertThat(r.passed()).isTrue();
    assertThat(r.detail()).isEqualTo("system ok, instance ok");
  }

  @Test
  void failsWhileTheChecksInitialize() throws Exception {
    ProbeResult r = check(id -> new InstanceStatusChecks.Status("ok", "initializing"), Duration.ofSeconds(5));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).isEqualTo("system ok, instance initializing");
  }

  @Test
  void failsWithoutThrowingWhenThePortFails() throws Exception {
    ProbeResult r = check(id -> {
      throw new GatePortException("Throttling describing i-1", null, true);
    }, Duration.ofSeconds(5));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).contains("Throttling describing i-1");
  }

  @Test
  void failsWhenThePortIsTooSlowByTheGatesClock() throws Exception {
    // The timeout runs on the gate's scheduler: it fires when that clock says so, not in real time.
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CompletableFuture<ProbeResult> r = new Ec2StatusProbe(id -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new InstanceStatusChecks.Status("ok", "ok");
    }, executor, scheduler, Duration.ofMinutes(2)).check(new ProbeTarget("i-1", "10.0.0.1")).toCompletableFuture();
    try {
      Thread.sleep(100);
      assertThat(r).as("two minutes have not passed on the gate's clock").isNotDone();

      scheduler.advance(Duration.ofMinutes(2));

      assertThat(r.get(5, TimeUnit.SECONDS).passed()).isFalse();
      assertThat(r.get().detail()).contains("timeout after 2m"); // the one duration format (Durations.human)
    } finally {
      release.countDown();
    }
  }
}
