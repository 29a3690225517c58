package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ManagedGroupCacheTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
  private final Scheduler clock = new Scheduler() {
    @Override
    public Instant now() {
      return now.get();
    }

    @Override
    public Cancellable scheduleAt(Instant at, Runnable task) {
      throw new UnsupportedOperationException("the cache only reads the clock");
    }
  };
  private final List<GatePortException> failures = new ArrayList<>();

  @Test
  void looksTheGroupsUpOncePerMaxAgeHoweverManyEventsArrive() {
    AtomicInteger lookups = new AtomicInteger();
    ManagedGroups groups = () -> {
      lookups.incrementAndGet();
      return List.of("web");
    };
    ManagedGroupCache cache = new ManagedGroupCache(groups, clock, Duration.ofMinutes(1));

    for (int i = 0; i < 50; i++) {
      assertThat(cache.isManaged("web", failures::add)).contains(true);
      assertThat(cache.isManaged("other", failures::add)).contains(false);
    }
    now.set(now.get().plusSeconds(60));
    cache.isManaged("other", failures::add);

    assertThat(lookups).hasValue(2);
  }

  @Test
  void aFailedLookupKeepsTheLastListAndIsUnknownWithoutOne() {
    AtomicInteger calls = new AtomicInteger();
    ManagedGroups flaky = () -> {
      if (calls.incrementAndGet() != 2) {
        throw new GatePortException("DescribeTags throttled", null, true);
      }
      return List.of("web");
    };
    ManagedGroupCache cache = new ManagedGroupCache(flaky, clock, Duration.ofMinutes(1));

    Optional<Boolean> first = cache.isManaged("web", failures::add);
    now.set(now.get().plusSeconds(60));
    Optional<Boolean> second = cache.isManaged("web", failures::add);
    now.set(now.get().plusSeconds(60));
    Optional<Boolean> third = cache.isManaged("web", failures::add);

    assertThat(first).isEmpty();
    assertThat(second).contains(true);
    assertThat(third).contains(true);
    assertThat(failures).hasSize(2);
  }

  /** Regression: the cache held its lock across DescribeTags, so one slow lookup stalled every listener thread. */
  @Test
  void aSlowLookupDoesNotHoldUpOtherEventsOnceAListIsKnown() throws Exception {
    java.util.concurrent.CountDownLatch inLookup = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ManagedGroups slowSecondTime = () -> {
      if (calls.incrementAndGet() == 2) {
        inLookup.countDown();
        try {
          release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of("web");
    };
    ManagedGroupCache cache = new ManagedGroupCache(slowSecondTime, clock, Duration.ofMinutes(1));
    assertThat(cache.isManaged("web", failures::add)).contains(true);
    now.set(now.get().plusSeconds(60));
    Thread slow = new Thread(() -> cache.isManaged("web", failures::add));
    slow.start();
    try {
      assertThat(inLookup.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      // Answered at once from the list known so far, while the other thread is still in its lookup.
      assertThat(cache.isManaged("web", failures::add)).contains(true);
      assertThat(cache.isManaged("other", failures::add)).contains(false);
      assertThat(calls).hasValue(2);
    } finally {
      release.countDown();
      slow.join(30_000);
    }
  }
}
