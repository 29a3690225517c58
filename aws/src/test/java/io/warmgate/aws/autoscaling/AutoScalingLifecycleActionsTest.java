package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions.Outcome;
import io.warmgate.emulator.EmulatorFaults;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AutoScalingLifecycleActionsTest {

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static List<String> waiting;

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    aws.groupWithWarmPool("web", "ready", 4, "{}");
    waiting = aws.awaitWaitingInPool("web", 4);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private static LifecycleAction byToken(String instanceId, String token) {
    return new LifecycleAction("web", "ready", Optional.of(token), instanceId, LifecycleTransition.LAUNCHING,
        Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));
  }

  @Test
  void completesByTokenThenReportsTheSecondCompletionAsNotActive() {
    String id = waiting.get(0);
    LifecycleAction action = byToken(id, aws.events.token(id));
    AutoScalingLifecycleActions actions = new AutoScalingLifecycleActions(clients.autoScaling());

    assertThat(actions.complete(action, LifecycleResult.CONTINUE)).isEqualTo(Outcome.ACCEPTED);
    await().atMost(EmulatedAws.WAIT).until(() -> !aws.lifecycleState(id).orElse("").equals("Warmed:Pending:Wait"));

    assertThat(actions.complete(action, LifecycleResult.CONTINUE)).isEqualTo(Outcome.NOT_ACTIVE);
    assertThat(actions.recordHeartbeat(action)).isEqualTo(Outcome.NOT_ACTIVE);
  }

  @Test
  void completesByInstanceIdWhenTheActionHasNoToken() {
    String id = waiting.get(1);
    LifecycleAction action = LifecycleAction.discovered("web", "ready", id, Optional.empty(), Optional.empty());
    AutoScalingLifecycleActions actions = new AutoScalingLifecycleActions(clients.autoScaling());

    assertThat(actions.recordHeartbeat(action)).isEqualTo(Outcome.ACCEPTED);
    assertThat(actions.complete(action, LifecycleResult.CONTINUE)).isEqualTo(Outcome.ACCEPTED);

    await().atMost(EmulatedAws.WAIT).until(() -> aws.lifecycleState(id).orElse("").startsWith("Warmed:Stopped")
        || aws.lifecycleState(id).orElse("").equals("Warmed:Pending:Proceed"));
  }

  @Test
  void anUnknownTokenIsNotActive() {
    LifecycleAction action = byToken(waiting.get(2), "00000000-0000-0000-0000-000000000000");

    assertThat(new AutoScalingLifecycleActions(clients.autoScaling()).complete(action, LifecycleResult.ABANDON))
        .isEqualTo(Outcome.NOT_ACTIVE);
    assertThat(aws.lifecycleState(waiting.get(2))).contains("Warmed:Pending:Wait");
  }

  @Test
  void anUnknownGroupIsNotActive() {
    LifecycleAction action = LifecycleAction.discovered("nope", "ready", waiting.get(3), Optional.empty(), Optional.empty());

    assertThat(new AutoScalingLifecycleActions(clients.autoScaling()).recordHeartbeat(action))
        .isEqualTo(Outcome.NOT_ACTIVE);
  }

  @Test
  void aFailureThatOutlastsTheRetriesNamesGroupHookAndInstance() {
    LifecycleAction action = LifecycleAction.discovered("web", "ready", waiting.get(3), Optional.empty(), Optional.empty());
    aws.emulator.faults(EmulatorFaults.NONE.withServerErrorRate(1.0));
    try {
      assertThatThrownBy(() -> new AutoScalingLifecycleActions(clients.autoScaling()).recordHeartbeat(action))
          .isInstanceOf(GatePortException.class)
          .hasMessageContaining("RecordLifecycleActionHeartbeat")
          .hasMessageContaining("group web")
          .hasMessageContaining("hook ready")
          .hasMessageContaining(waiting.get(3))
          .satisfies(e -> assertThat(((GatePortException) e).retryable()).isTrue());
    } finally {
      aws.emulator.faults(EmulatorFaults.NONE);
    }
    assertThat(aws.lifecycleState(waiting.get(3))).contains("Warmed:Pending:Wait");
  }
}
