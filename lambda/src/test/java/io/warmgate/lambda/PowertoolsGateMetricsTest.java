package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** The EMF lines Powertools prints (AWS_EMF_ENVIRONMENT=Local writes them to standard output). */
class PowertoolsGateMetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> emf(Runnable action) throws Exception {
    return printed(action, "\"_aws\"");
  }

  /** The JSON lines containing {@code marker} that {@code action} printed to standard output. */
  private static List<JsonNode> printed(Runnable action, String marker) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{") && line.contains(marker)) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private static ActionFinished finished(Outcome outcome, Optional<Duration> ttr) {
    LifecycleAction a = LifecycleAction.discovered("web", "ready", "i-0abc", Optional.empty(), Optional.empty());
    return new ActionFinished(a, Phase.COLD_START, outcome, 7, ttr, "because", Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aContinuedActionWritesItsCountProbesAndTimeToReadyUnderTheGroupDimension() throws Exception {
    PowertoolsGateMetrics metrics = new PowertoolsGateMetrics(MetricsFactory.getMetricsInstance());

    List<JsonNode> lines = emf(() -> metrics.actionFinished(finished(Outcome.CONTINUED, Optional.of(Duration.ofSeconds(42)))));

    assertThat(lines).singleElement().satisfies(l -> {
      JsonNode directive = l.path("_aws").path("CloudWatchMetrics").get(0);
      assertThat(directive.path("Namespace").asText()).isEqualTo("warmgate");
      assertThat(directive.path("Dimensions").get(0).toString()).isEqualTo("[\"AutoScalingGroupName\"]");
      assertThat(l.path("AutoScalingGroupName").asText()).isEqualTo("web");
      assertThat(l.path("Continued").asDouble()).isEqualTo(1.0);
      assertThat(l.path("ProbesPerAction").asDouble()).isEqualTo(7.0);
      assertThat(l.path("TimeToReadySeconds").asDouble()).isEqualTo(42.0);
    });
  }

  @Test
  void eachOutcomeHasItsCounter() throws Exception {
    PowertoolsGateMetrics metrics = new PowertoolsGateMetrics(MetricsFactory.getMetricsInstance());

    List<JsonNode> lines = emf(() -> {
      metrics.actionFinished(finished(Outcome.ABANDONED, Optional.empty()));
      metrics.actionFinished(finished(Outcome.ALREADY_COMPLETED, Optional.empty()));
      metrics.actionFinished(finished(Outcome.FAILED, Optional.empty()));
      metrics.gateError("web");
    });

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).path("Abandoned").asDouble()).isEqualTo(1.0);
    assertThat(lines.get(1).path("AlreadyCompleted").asDouble()).isEqualTo(1.0);
    assertThat(lines.get(2).path("GateErrors").asDouble()).isEqualTo(1.0);
    assertThat(lines.get(3).path("GateErrors").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aFailedFlushNeverReachesTheGateAndIsLoggedOncePerDistinctMessage() throws Exception {
    java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>("disk full");
    // A Metrics whose every flush fails, as an unwritable EMF sink does; configuring it works.
    Metrics broken = (Metrics) java.lang.reflect.Proxy.newProxyInstance(Metrics.class.getClassLoader(),
        new Class<?>[] {Metrics.class}, (proxy, method, args) -> {
          if (method.getName().equals("flushMetrics")) {
            flushes.incrementAndGet();
            throw new IllegalStateException(failure.get());
          }
          return null;
        });
    PowertoolsGateMetrics metrics = new PowertoolsGateMetrics(broken);

    List<JsonNode> warnings = printed(() -> {
      metrics.actionFinished(finished(Outcome.CONTINUED, Optional.of(Duration.ofSeconds(3))));
      metrics.gateError("web");
      metrics.actionFinished(finished(Outcome.ABANDONED, Optional.empty()));
      failure.set("sink closed");
      metrics.gateError("web");
    }, "cannot write metrics");

    assertThat(flushes).hasValue(4);
    assertThat(warnings).extracting(w -> w.path("message").asText())
        .containsExactly("cannot write metrics: disk full", "cannot write metrics: sink closed");
    assertThat(warnings).allSatisfy(w -> assertThat(w.path("level").asText()).isEqualTo("WARN"));
  }
}
