package io.warmgate.aws.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.aws.runner.MessageOutcome.Kind;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.DecisionMade;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogLinesTest {

  private final LifecycleAction action =
      LifecycleAction.discovered("web", "ready", "i-0abc", Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));
  private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void everyLineAboutAnActionStartsWithTheDocumentedKeys() {
    List<LogLine> lines = List.of(
        LogLines.decision(new DecisionMade(action, action.phase(), List.of(), new Decision.Stop("gone"), at)),
        LogLines.heartbeat(action, LifecycleActions.Outcome.ACCEPTED, at),
        LogLines.finished(new ActionFinished(action, action.phase(), Outcome.STOPPED, 0, Optional.empty(), "gone", at)),
        LogLines.portFailed(action, new GatePortException("Throttling", null, true), at));

    assertThat(lines).extracting(LogLine::event).containsExactly("decision", "heartbeat", "finished", "port-failed");
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.fields().keySet()).startsWith("group", "hook", "instanceId", "phase");
      assertThat(l.fields()).containsEntry("group", "web").containsEntry("instanceId", "i-0abc")
          .containsEntry("phase", "ENTERING_WARM_POOL");
      assertThat(l.at()).contains(at);
    });
  }

  @Test
  void aWaitDecisionCarriesItsNextCheckAndItsProbes() {
    LogLine line = LogLines.decision(new DecisionMade(action, action.phase(),
        List.of(ProbeResult.fail("http:8080/health", "503", at, Duration.ofMillis(3))),
        new Decision.Wait(at.plusSeconds(15), true, "not ready"), at));

    assertThat(line.fields()).containsEntry("decision", "Wait").containsEntry("reason", "not ready")
        .containsEntry("nextCheckAt", "2026-01-01T00:00:15Z").containsEntry("heartbeatNow", true);
    assertThat(line.fields().get("probes")).isEqualTo(
        List.of(Map.of("probe", "http:8080/health", "passed", false, "detail", "503", "tookMs", 3L)));
  }

  @Test
  void aRunEndsAtInfoAFailureAtWarnAndAFaultAtErrorWithTheFault() {
    ActionFinished continued = new ActionFinished(action, action.phase(), Outcome.CONTINUED, 4,
        Optional.of(Duration.ofMillis(12_500)), "ready", at);
    ActionFinished failed = new ActionFinished(action, action.phase(), Outcome.FAILED, 0, Optional.empty(), "AccessDenied", at);
    ActionFinished broken = new ActionFinished(action, action.phase(), Outcome.FAILED, 0, Optional.empty(),
        "internal error", at, Optional.of(new NoClassDefFoundError("Missing")));

    assertThat(LogLines.finished(continued).level()).isEqualTo(Level.INFO);
    assertThat(LogLines.finished(continued).fields()).containsEntry("timeToReadySeconds", 12.5).containsEntry("probeCount", 4)
        .doesNotContainKey("fault");
    assertThat(LogLines.finished(failed).level()).isEqualTo(Level.WARN);
    assertThat(LogLines.finished(broken).level()).isEqualTo(Level.ERROR);
    assertThat(LogLines.finished(broken).fields()).containsEntry("fault", "java.lang.NoClassDefFoundError: Missing");
  }

  @Test
  void aMessageNotGatedGetsOneLineAndAGatedOneNone() {
    LifecycleMessage.Action a = new LifecycleMessage.Action(action, "test");
    MessageOutcome gated = new MessageOutcome(a, Kind.GATED, "gone", Optional.of(
        new ActionFinished(action, action.phase(), Outcome.STOPPED, 0, Optional.empty(), "gone", at)));
    MessageOutcome test = new MessageOutcome(new LifecycleMessage.TestNotification("web"), Kind.TEST_NOTIFICATION,
        "acknowledged", Optional.empty());
    MessageOutcome garbage = new MessageOutcome(new LifecycleMessage.Malformed("not JSON"), Kind.MALFORMED, "not JSON",
        Optional.empty());
    MessageOutcome unknown = new MessageOutcome(a, Kind.GROUPS_UNKNOWN, "lookup failed", Optional.empty());

    assertThat(LogLines.message(gated)).isEmpty();
    assertThat(LogLines.message(test)).get().satisfies(l -> {
      assertThat(l.event()).isEqualTo("test-notification");
      assertThat(l.fields()).containsEntry("group", "web").containsEntry("disposition", "DONE");
    });
    assertThat(LogLines.message(garbage)).get().satisfies(l -> {
      assertThat(l.event()).isEqualTo("malformed");
      assertThat(l.level()).isEqualTo(Level.WARN);
      assertThat(l.fields()).containsEntry("reason", "not JSON");
    });
    assertThat(LogLines.message(unknown)).get().satisfies(l -> {
      assertThat(l.event()).isEqualTo("groups-unknown");
      assertThat(l.fields()).containsEntry("instanceId", "i-0abc").containsEntry("disposition", "RETRY");
    });
  }
}
