package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.LifecycleActions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The terminal view of the daemon's lines: what a person needs, one line each, and nothing repeated. */
class ConsoleSummaryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final JsonLogListener log = new JsonLogListener(
      new ConsoleSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8), ZoneOffset.UTC), Clock.fixed(T0, ZoneOffset.UTC));
  private final LifecycleAction action = LifecycleAction.discovered(
      "web", "gate", "i-0abc", Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private void round(int second, boolean passed, Decision decision) {
    Instant at = T0.plusSeconds(second);
    log.decisionMade(new GateListener.DecisionMade(action, action.phase(),
        List.of(passed ? ProbeResult.pass("http:8080/", "200", at, Duration.ofMillis(2))
            : ProbeResult.fail("http:8080/", "connection refused", at, Duration.ofMillis(2))),
        decision, at));
  }

  @Test
  void anActionReadsAsItsFirstWaitItsChangesOfReasonAndItsEnd() {
    for (int s = 0; s < 40; s += 2) {
      round(s, false, new Decision.Wait(T0.plusSeconds(s + 2), false, "not ready"));
    }
    round(40, true, new Decision.Wait(T0.plusSeconds(41), false, "1 of 3 consecutive passes"));
    round(41, true, new Decision.Wait(T0.plusSeconds(42), false, "2 of 3 consecutive passes"));
    round(42, true, new Decision.Wait(T0.plusSeconds(72), false, "ready, settling until " + T0.plusSeconds(72)));
    round(44, true, new Decision.Wait(T0.plusSeconds(72), false, "ready, settling until " + T0.plusSeconds(72)));
    log.heartbeatSent(action, LifecycleActions.Outcome.ACCEPTED, T0.plusSeconds(50));
    round(72, true, new Decision.Continue("ready: 17 consecutive passes and settled 30s"));
    log.actionFinished(new GateListener.ActionFinished(action, action.phase(), GateListener.Outcome.CONTINUED, 39,
        Optional.of(Duration.ofMillis(70_600)), "ready: 17 consecutive passes and settled 30s", T0.plusSeconds(72)));

    assertThat(lines()).containsExactly(
        "10:00:00  i-0abc  ENTERING_WARM_POOL  waits: not ready [http:8080/: connection refused]",
        "10:00:40  i-0abc  ENTERING_WARM_POOL  waits: 1 of 3 consecutive passes",
        "10:00:42  i-0abc  ENTERING_WARM_POOL  waits: ready, settling until 10:01:12",
        "10:00:50  i-0abc  heartbeat sent (ACCEPTED)",
        "10:01:12  i-0abc  CONTINUED after 1m11s (39 probe rounds): ready: 17 consecutive passes and settled 30s");
  }

  @Test
  void eachSweepIsOneProgressLineAndARepeatedProblemIsSaidOnce() {
    for (int i = 0; i < 3; i++) {
      ObjectNode sweep = JSON.createObjectNode();
      sweep.put("level", "WARN");
      sweep.put("event", "sweep");
      sweep.put("groups", 1);
      sweep.put("waiting", 0);
      sweep.put("finished", 0);
      sweep.put("reason", "group web has no launching hook");
      log.write(sweep);
    }

    assertThat(lines()).containsExactly(
        "10:00:00  sweep: 1 group, 0 waiting, 0 finished",
        "          WARN group web has no launching hook",
        "10:00:00  sweep: 1 group, 0 waiting, 0 finished (problems as before)",
        "10:00:00  sweep: 1 group, 0 waiting, 0 finished (problems as before)");
  }

  @Test
  void theDaemonsOwnLinesKeepTheirMessageAndItsLevelWhenNotInfo() {
    log.log("INFO", "endpoint", "endpoint: http://127.0.0.1:4566, us-east-1");
    log.log("WARN", "no-hook", "group web has no launching hook");
    log.log("DEBUG", "ignored", "not a lifecycle event");
    log.log("INFO", "some-new-event", "said as it is");

    assertThat(lines()).containsExactly(
        "10:00:00  endpoint: http://127.0.0.1:4566, us-east-1",
        "10:00:00  WARN no-hook: group web has no launching hook",
        "10:00:00  some-new-event: said as it is");
  }

  @Test
  void aLineWithoutItsFieldsStillPrintsWithoutFailing() {
    ObjectNode odd = JSON.createObjectNode();
    odd.put("time", "not a time");
    odd.put("event", "finished");
    log.write(odd);

    assertThat(lines()).hasSize(1);
    assertThat(lines().get(0)).startsWith("--:--:--");
  }
}
