package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.T0;
import static io.warmgate.core.gate.GateFixture.event;
import static io.warmgate.core.gate.GateFixture.forged;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Location;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 9, forged tokens): an event with a made-up LifecycleActionToken for a real waiting
 * instance started a run whose first heartbeat or completion Auto Scaling refused, so it ended
 * ALREADY_COMPLETED, and the real event, joining that run, shared its end: the instance then waited for
 * the next sweep. A refused token must not end the instance's wait.
 */
class ForgedEventTokenTest {

  private final GateFixture f = new GateFixture();
  private static final Instant FAR = T0.plus(Duration.ofHours(6));


  @Test
  void aForgedTokenJoinedByTheRealEventStillContinuesTheRealAction() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.token("i-1", "token-i-1");
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(3))).asFactory(), Map.of());

    CompletionStage<ActionFinished> fromForged = gate.run(forged("i-1"), FAR);
    CompletionStage<ActionFinished> fromReal = gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR);
    ActionFinished forgedEnd = f.scheduler.runUntilDone(fromForged, Duration.ofHours(1));
    ActionFinished realEnd = f.scheduler.runUntilDone(fromReal, Duration.ofHours(1));

    assertThat(realEnd.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(forgedEnd.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.actions.completions()).filteredOn(c -> c.outcome() == LifecycleActions.Outcome.ACCEPTED)
        .singleElement().satisfies(c -> assertThat(c.result()).isEqualTo(LifecycleResult.CONTINUE));
    // Heartbeats kept the real action alive too: none was refused after the token was.
    assertThat(f.actions.heartbeats()).filteredOn(h -> h.outcome() == LifecycleActions.Outcome.NOT_ACTIVE).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void aForgedTokenAloneNeitherEndsTheWaitNorCompletesBeforeTheInstanceIsReady() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.token("i-1", "token-i-1");
    Instant ready = T0.plus(Duration.ofMinutes(20));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, ready).asFactory(), Map.of());

    ActionFinished end = f.scheduler.runUntilDone(gate.run(forged("i-1"), FAR), Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.actions.completion("i-1")).get().satisfies(c -> assertThat(c.at()).isAfter(ready));
    assertThat(f.actions.heartbeats()).filteredOn(h -> h.outcome() == LifecycleActions.Outcome.ACCEPTED).isNotEmpty();
  }

  @Test
  void aRealTokenRefusedBecauseTheActionEndedStillEndsAsAlreadyCompleted() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.makeAllInactive();
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0).asFactory(), Map.of("WARMGATE_HEARTBEATS", "false"));

    ActionFinished end = f.scheduler.runUntilDone(gate.run(event("i-1", Location.EC2, Location.AUTO_SCALING_GROUP), FAR),
        Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
    // One try by token, one by instance id: never a loop.
    assertThat(f.actions.completions()).hasSize(2);
  }

  @Test
  void aRefusedTokenWhoseCheckFailsIsCheckedAgainBeforeTheCallByInstanceId() {
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    f.actions.token("i-1", "token-i-1");
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of("WARMGATE_HEARTBEATS", "false"));

    CompletionStage<ActionFinished> run = gate.run(forged("i-1"), FAR);
    // The run has looked the instance up (the executor is direct); the next lookup is the refused token's check.
    int lookups = f.instances.describeCalls();
    f.instances.failNext(1, GateFixture.throttled());
    ActionFinished end = f.scheduler.runUntilDone(run, Duration.ofHours(1));

    assertThat(end.outcome()).isEqualTo(Outcome.CONTINUED);
    assertThat(f.listener.portFailures).singleElement().satisfies(e -> assertThat(e.retryable()).isTrue());
    // Refused by token; then, once the check that failed had passed on the retry, accepted by instance id.
    assertThat(f.actions.completions()).hasSize(2).satisfies(c -> {
      assertThat(c.get(0).action().token()).isPresent();
      assertThat(c.get(0).outcome()).isEqualTo(LifecycleActions.Outcome.NOT_ACTIVE);
      assertThat(c.get(1).action().token()).isEmpty();
      assertThat(c.get(1).outcome()).isEqualTo(LifecycleActions.Outcome.ACCEPTED);
    });
    assertThat(f.instances.describeCalls()).isEqualTo(lookups + 2);
  }
}
