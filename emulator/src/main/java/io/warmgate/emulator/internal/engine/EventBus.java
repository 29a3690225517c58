package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.LifecycleEventListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
  /** The most recent events kept for {@link #emitted()}; older ones are dropped. */
  public static final int EMITTED_LIMIT = 10_000;

  private final List<LifecycleEventListener> listeners = new CopyOnWriteArrayList<>();
  private final List<URI> targets = new CopyOnWriteArrayList<>();
  private final ArrayDeque<String> emitted = new ArrayDeque<>();
  private final AtomicLong emittedCount = new AtomicLong();
  private final Supplier<EmulatorFaults> faults;
  private final Random random;
  private final ExecutorService thread;
  /** Posts to event targets and schedules their retries; ours, so close() ends it (a JDK HttpClient cannot be closed on Java 17). */
  private final ScheduledExecutorService posts;
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
    this.posts = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "emulator-event-posts");
      t.setDaemon(true);
      return t;
    });
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

  /** Returns the most recent {@value #EMITTED_LIMIT} events emitted (before fault injection), oldest first. */
  public List<String> emitted() {
    synchronized (emitted) {
      return List.copyOf(emitted);
    }
  }

  /** Returns how many events were emitted in all, including those no longer kept. */
  public long emittedCount() {
    return emittedCount.get();
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
    synchronized (emitted) {
      if (emitted.size() == EMITTED_LIMIT) {
        emitted.removeFirst();
      }
      emitted.addLast(json);
    }
    emittedCount.incrementAndGet();
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
      } catch (RejectedExecutionException closed) {
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
    try {
      posts.execute(() -> attempt(target, json, attempt));
    } catch (RejectedExecutionException closed) {
      // Closed: pending deliveries are dropped.
    }
  }

  private void attempt(URI target, String json, int attempt) {
    String error;
    try {
      int status = send(target, json);
      if (status / 100 == 2) {
        return;
      }
      error = "HTTP " + status;
    } catch (IOException | IllegalArgumentException e) {
      error = e.toString();
    }
    if (attempt >= ATTEMPTS) {
      postFailures.incrementAndGet();
      LOG.warn("event POST to {} failed after {} attempts: {}", target, attempt, error);
      return;
    }
    try {
      posts.schedule(() -> attempt(target, json, attempt + 1), 200L * attempt, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // Closed while retrying.
    }
  }

  private static int send(URI target, String json) throws IOException {
    HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
    try {
      c.setConnectTimeout(2_000);
      c.setReadTimeout(5_000);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in != null) {
        try (in) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }
      return status;
    } finally {
      c.disconnect();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    posts.shutdownNow();
  }
}
