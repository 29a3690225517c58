package io.warmgate.lambda;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.config.AwsClientsBuilder;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LifecycleEvents;
import io.warmgate.testing.Payloads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The shared emulator fixture, a handler wired to it through an {@code AWS_ENDPOINT_URL}-style environment
 * (static test credentials, fixed region), and a capture of the JSON lines the handler prints.
 */
final class HandlerFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  final EmulatedAws aws;
  final Map<String, String> env;
  final GateRuntime runtime;
  final GateHandler handler;

  HandlerFixture(UnaryOperator<WarmPoolEmulatorBuilder> tweaks, Map<String, String> extraEnv) {
    this(tweaks, extraEnv, GateMetrics.NONE);
  }

  HandlerFixture(UnaryOperator<WarmPoolEmulatorBuilder> tweaks, Map<String, String> extraEnv, GateMetrics metrics) {
    this(tweaks, extraEnv, metrics, UnaryOperator.identity());
  }

  /** As above, with the AWS clients' builder tweaked (an SDK interceptor that breaks a call, say). */
  HandlerFixture(UnaryOperator<WarmPoolEmulatorBuilder> tweaks, Map<String, String> extraEnv, GateMetrics metrics,
      UnaryOperator<AwsClientsBuilder> clientTweaks) {
    this.aws = EmulatedAws.start(b -> tweaks.apply(b.speed(5).seed(3L)));
    Map<String, String> e = new HashMap<>();
    e.put("AWS_REGION", "us-east-1");
    e.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
    e.put("AWS_ACCESS_KEY_ID", "test");
    e.put("AWS_SECRET_ACCESS_KEY", "test");
    e.put("WARMGATE_MANAGED_TAG", "none");
    e.put("WARMGATE_LAMBDA_SAFETY_MARGIN", "PT2S");
    e.putAll(extraEnv);
    this.env = Map.copyOf(e);
    AwsClients clients = clientTweaks.apply(AwsClients.builder().environment(env)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100))).build();
    this.runtime = GateRuntime.create(env, clients, aws.emulator.clock().asJavaClock(), metrics);
    this.handler = new GateHandler(runtime);
  }

  /**
   * The handler's response (a missing node if it threw), what it threw, and the JSON log lines printed
   * while it ran.
   */
  record Invocation(JsonNode response, Optional<Throwable> thrown, List<JsonNode> lines) {
    List<JsonNode> lines(String event) {
      return lines.stream().filter(l -> event.equals(l.path("event").asText())).toList();
    }
  }

  Invocation invoke(String payload, Duration remaining) {
    return invoke(payload.getBytes(StandardCharsets.UTF_8), remaining);
  }

  Invocation invoke(byte[] payload, Duration remaining) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Optional<Throwable> thrown = Optional.empty();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), out, new LocalContext("warmgate", remaining));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      // What Lambda's runtime would report as the invocation's function error.
      thrown = Optional.of(e);
    } finally {
      System.setOut(original);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    original.print(printed);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : printed.split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          // not one of ours
        }
      }
    }
    try {
      return new Invocation(JSON.readTree(out.toByteArray()), thrown, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    return Payloads.text(name);
  }

  /** A group with desired 0, a stopped warm pool and a launching hook whose metadata names the health path. */
  void groupWithWarmPool(String group, String hook, int poolSize) {
    groupWithWarmPool(group, hook, poolSize, Optional.of("{\"warmgate\":{\"http\":{\"path\":\"/health\"}}}"));
  }

  /** As {@link #groupWithWarmPool(String, String, int)}, with the hook's metadata given (or none). */
  void groupWithWarmPool(String group, String hook, int poolSize, Optional<String> hookMetadata) {
    aws.group(group).launchingHook(hook, hookMetadata.orElse(null)).heartbeatSeconds(300).maxSize(poolSize + 1)
        .warmPool(poolSize).create();
  }

  /** Waits for {@code n} lifecycle events and returns them. */
  List<String> awaitEvents(int n) {
    await().atMost(WAIT).until(() -> aws.events.size() >= n);
    return aws.events.raw().subList(0, n);
  }

  Optional<String> lifecycleState(String instanceId) {
    return aws.lifecycleState(instanceId);
  }

  static String instanceOf(String event) {
    return LifecycleEvents.instanceOf(event);
  }

  @Override
  public void close() {
    runtime.close();
    aws.close();
  }
}
