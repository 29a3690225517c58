package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.LifecycleEventListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers lifecycle events, with injected loss and duplication, to in-process listeners (in
 * order, on one thread) and as HTTP POSTs to target URLs (asynchronously, three attempts).
 */
public final class EventBus implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
  private static final int ATTEMPTS = 3;

  private final List<LifecycleEventListener> listeners = new CopyOnWriteArrayList<>();
  private final List<URI> targets = new CopyOnWriteArrayList<>();
  private final List<String> emitted = Collections.synchronizedList(new ArrayList<>());
  private final Supplier<EmulatorFaults> faults;
  private final Random random;
  private final ExecutorService thread;
  private final HttpClient http;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private final AtomicLong postFailures = new AtomicLong();

  /** Creates a bus that reads the current faults on every event. */
  public EventBus(Supplier<EmulatorFaults> faults, long seed) {
    this.faults = faults;
    this.random = new Random(seed);
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "emulator-events");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  public void addListener(LifecycleEventListener listener) {
    listeners.add(listener);
  }

  public void removeListener(LifecycleEventListener listener) {
    listeners.remove(listener);
  }

  public void addTarget(URI target) {
    targets.add(target);
  }

  /** Returns every event emitted so far (before fault injection), oldest first. */
  public List<String> emitted() {
    synchronized (emitted) {
      return List.copyOf(emitted);
    }
  }

  public long dropped() {
    return dropped.get();
  }

  public long duplicated() {
    return duplicated.get();
  }

  public long postFailures() {
    return postFailures.get();
  }

  /** Queues one event for delivery; never blocks. */
  public void emit(String json) {
    emitted.add(json);
    EmulatorFaults f = faults.get();
    int copies;
    synchronized (random) {
      if (random.nextDouble() < f.eventDropRate()) {
        copies = 0;
      } else {
        copies = random.nextDouble() < f.eventDuplicateRate() ? 2 : 1;
      }
    }
    if (copies == 0) {
      dropped.incrementAndGet();
      return;
    }
    if (copies == 2) {
      duplicated.incrementAndGet();
    }
    for (int i = 0; i < copies; i++) {
      try {
        thread.execute(() -> deliver(json));
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        return;
      }
    }
  }

  private void deliver(String json) {
    for (LifecycleEventListener listener : listeners) {
      try {
        listener.onEvent(json);
      } catch (RuntimeException e) {
        LOG.warn("lifecycle event listener failed", e);
      }
    }
    for (URI target : targets) {
      post(target, json, 1);
    }
  }

  private void post(URI target, String json, int attempt) {
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      boolean ok = error == null && response.statusCode() / 100 == 2;
      if (ok) {
        return;
      }
      if (attempt >= ATTEMPTS) {
        postFailures.incrementAndGet();
        LOG.warn("event POST to {} failed after {} attempts: {}", target, attempt,
            error != null ? error.toString() : "HTTP " + response.statusCode());
        return;
      }
      CompletableFuture.delayedExecutor(200L * attempt, TimeUnit.MILLISECONDS)
          .execute(() -> post(target, json, attempt + 1));
    });
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
