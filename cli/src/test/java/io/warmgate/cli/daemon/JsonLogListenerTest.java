package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLogListenerTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private static final Instant CLOCK_TIME = Instant.parse("2030-06-01T12:00:00Z");
  private final JsonLogListener log = new JsonLogListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
      java.time.Clock.fixed(CLOCK_TIME, java.time.ZoneOffset.UTC));
  private final LifecycleAction action = LifecycleAction.discovered(
      "web", "ready", "i-0abc", Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));
  private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void writesOneLinePerDecisionWithTheDocumentedKeys() throws Exception {
    log.decisionMade(new GateListener.DecisionMade(action, action.phase(),
        List.of(ProbeResult.fail("http:8080/health", "503", at, Duration.ofMillis(3))),
        new Decision.Wait(at.plusSeconds(15), true, "not ready"), at));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertThat(line.get("event").asText()).isEqualTo("decision");
    assertThat(line.get("group").asText()).isEqualTo("web");
    assertThat(line.get("hook").asText()).isEqualTo("ready");
    assertThat(line.get("instanceId").asText()).isEqualTo("i-0abc");
    assertThat(line.get("phase").asText()).isEqualTo("ENTERING_WARM_POOL");
    assertThat(line.get("decision").asText()).isEqualTo("Wait");
    assertThat(line.get("reason").asText()).isEqualTo("not ready");
    assertThat(line.get("heartbeatNow").asBoolean()).isTrue();
    assertThat(line.get("probes").get(0).get("detail").asText()).isEqualTo("503");
  }

  @Test
  void writesTheEndOfAnAction() throws Exception {
    log.actionFinished(new GateListener.ActionFinished(action, action.phase(), GateListener.Outcome.CONTINUED, 4,
        Optional.of(Duration.ofMinutes(12)), "ready: 3 consecutive passes", at));

    JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    assertThat(line.get("outcome").asText()).isEqualTo("CONTINUED");
    assertThat(line.get("timeToReadySeconds").asLong()).isEqualTo(720);
  }

  @Test
  void stampsLinesWithTheGatesClockNotTheSystemClock() throws Exception {
    // Regression (issue 10, one clock): lines were stamped with Instant.now(), so under the emulator's
    // accelerated clock the log's times disagreed with the decisions'.
    log.log("INFO", "started", "hello");

    JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    assertThat(line.get("time").asText()).isEqualTo(CLOCK_TIME.toString());
  }

  /** Regression: the startup line showed the base http.port=80 while the hook's metadata set 8080, and nothing said so. */
  @Test
  void eachHooksEffectivePolicyIsLoggedWhenFirstSeenAndWhenItChanges() throws Exception {
    java.util.Map<String, String> p8080 = java.util.Map.of("http.port", "8080");

    log.policyResolved(action, action.phase(), p8080);
    log.policyResolved(action, action.phase(), p8080);
    log.policyResolved(action, action.phase(), java.util.Map.of("http.port", "9090"));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("event").asText()).isEqualTo("policy");
    assertThat(first.get("hook").asText()).isEqualTo("ready");
    assertThat(first.get("message").asText()).contains("http.port=8080");
    assertThat(lines.get(1)).contains("http.port=9090");
  }
}
