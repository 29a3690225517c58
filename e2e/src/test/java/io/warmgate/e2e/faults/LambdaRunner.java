package io.warmgate.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.lambda.GateHandler;
import io.warmgate.lambda.GateMetrics;
import io.warmgate.lambda.GateRuntime;
import io.warmgate.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda handler in-process, as Lambda runs it: execution environments (one per concurrent
 * invocation, reused when idle), each invocation with a budget that counts down on the emulator's
 * clock, asynchronous invocations for events, and a scheduled sweep.
 */
final class LambdaRunner implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final List<ActionFinished> finished = new CopyOnWriteArrayList<>();
  final AtomicInteger gateErrors = new AtomicInteger();
  final List<String> failedInvocations = new CopyOnWriteArrayList<>();
  final AtomicInteger invocations = new AtomicInteger();
  private final FaultWorld world;
  private final Map<String, String> env;
  private final Duration timeout;
  private final Queue<GateHandler> idle = new ConcurrentLinkedQueue<>();
  private final List<GateRuntime> runtimes = new CopyOnWriteArrayList<>();
  // Lambda runs up to 1,000 invocations at once by default; 32 here, so that long invocations never queue
  // others behind them (a queued event would be a harness's delay, not the gate's).
  private final ExecutorService pool = Executors.newFixedThreadPool(32, r -> {
    Thread t = new Thread(r, "faults-lambda");
    t.setDaemon(true);
    return t;
  });
  private final GateMetrics metrics = new GateMetrics() {
    @Override
    public void actionFinished(ActionFinished f) {
      finished.add(f);
    }

    @Override
    public void gateError(String groupName) {
      gateErrors.incrementAndGet();
    }
  };
  private ScheduledFuture<?> sweeps;

  /** @param settings the function's WARMGATE_* environment; @param timeout the function's timeout */
  LambdaRunner(FaultWorld world, List<String> groups, Map<String, String> settings, Duration timeout) {
    this.world = world;
    this.timeout = timeout;
    Map<String, String> e = new HashMap<>(settings);
    e.put("WARMGATE_GROUPS", String.join(",", groups));
    e.put("AWS_REGION", "us-east-1");
    e.put("AWS_ENDPOINT_URL", world.emulator.endpoint().toString());
    e.put("AWS_ACCESS_KEY_ID", "test");
    e.put("AWS_SECRET_ACCESS_KEY", "test");
    e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    this.env = Map.copyOf(e);
  }

  private GateHandler environment() {
    GateHandler h = idle.poll();
    if (h != null) {
      return h;
    }
    AwsClients clients = AwsClients.builder().environment(env).build();
    GateRuntime runtime = GateRuntime.create(env, clients, world.emulator.clock().asJavaClock(), world.emulator.clock().speed(), metrics);
    runtimes.add(runtime);
    return new GateHandler(runtime);
  }

  /** One invocation, waited for; returns the handler's summary (a failure to answer is recorded too). */
  JsonNode invoke(String payload) {
    invocations.incrementAndGet();
    GateHandler handler = environment();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
          new LocalContext("warmgate-faults", timeout, world.emulator.clock().asJavaClock(), 512));
      JsonNode summary = JSON.readTree(out.toByteArray());
      if (summary.path("kind").asText().equals("error")) {
        failedInvocations.add(summary.toString());
      }
      return summary;
    } catch (IOException | RuntimeException e) {
      failedInvocations.add(e.toString());
      return JSON.createObjectNode().put("kind", "error").put("reason", e.toString());
    } finally {
      idle.add(handler);
    }
  }

  /** An asynchronous invocation, as EventBridge makes them. */
  void invokeAsync(String payload) {
    pool.execute(() -> invoke(payload));
  }

  /** Fires the scheduled sweep every {@code period} of the emulator's clock. */
  void sweepEvery(Duration period) {
    sweeps = world.emulator.clock().scheduleAtFixedRate(period, period, () -> invokeAsync(scheduledEvent()));
  }

  static String scheduledEvent() {
    ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", java.util.UUID.randomUUID().toString())
        .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", "123456789012")
        .put("time", "2026-01-01T00:00:00Z").put("region", "us-east-1");
    event.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/warmgate-sweep");
    event.putObject("detail");
    return event.toString();
  }

  @Override
  public void close() {
    if (sweeps != null) {
      sweeps.cancel(false);
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtimes.forEach(GateRuntime::close);
  }
}
