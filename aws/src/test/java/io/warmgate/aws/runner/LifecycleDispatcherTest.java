package io.warmgate.aws.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.LifecycleDispatcher.Membership;
import io.warmgate.aws.runner.MessageOutcome.Disposition;
import io.warmgate.aws.runner.MessageOutcome.Kind;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbound port against the emulator: one outcome per message, and what a runner does with each. */
class LifecycleDispatcherTest {

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static ScheduledExecutorService threads;
  private static ExecutorScheduler scheduler;
  private static Gate gate;
  /** A waiting instance of a group whose hook's metadata is invalid: its run ends FAILED. */
  private static String brokenPoolInstance;

  private final List<MessageOutcome> reported = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    threads = Executors.newScheduledThreadPool(2);
    scheduler = new ExecutorScheduler(aws.emulator.clock().asJavaClock(), threads, 300);
    gate = AwsGateFactory.of(clients, scheduler).gate().executor(threads).build();
    aws.groupWithWarmPool("broken", "ready", 1, "{\"warmgate\":{\"http\":{\"port\":\"eighty\"}}}");
    brokenPoolInstance = aws.awaitWaitingInPool("broken", 1).get(0);
  }

  @AfterAll
  static void stop() {
    gate.close();
    threads.shutdownNow();
    clients.close();
    aws.close();
  }

  private LifecycleDispatcher dispatcher(LifecycleDispatcher.Groups groups) {
    return new LifecycleDispatcher(gate, scheduler, groups, listener(reported::add));
  }

  private static LifecycleDispatcher.Listener listener(Consumer<MessageOutcome> onOutcome) {
    return new LifecycleDispatcher.Listener() {
      @Override
      public void messageHandled(MessageOutcome outcome) {
        onOutcome.accept(outcome);
      }
    };
  }

  private static LifecycleMessage.Action action(String group, String instanceId) {
    return new LifecycleMessage.Action(LifecycleAction.discovered(group, "ready", instanceId, Optional.empty(), Optional.empty()), "test");
  }

  private static Instant inAMinute() {
    return scheduler.now().plus(Duration.ofMinutes(1));
  }

  private static List<MessageOutcome> join(List<CompletionStage<MessageOutcome>> stages) {
    return stages.stream().map(s -> s.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join()).toList();
  }

  @Test
  void givesOneOutcomePerMessageInOrderAndReportsEachOnce() {
    List<LifecycleMessage> batch = List.of(
        new LifecycleMessage.TestNotification("web"),
        new LifecycleMessage.Malformed("not JSON"),
        new LifecycleMessage.Ignored("an EC2 state-change event"),
        action("web", "i-0123456789abcdef0"));

    List<MessageOutcome> outcomes = join(dispatcher(LifecycleDispatcher.Groups.ALL).dispatch(batch, inAMinute()));

    assertThat(outcomes).extracting(MessageOutcome::kind)
        .containsExactly(Kind.TEST_NOTIFICATION, Kind.MALFORMED, Kind.IGNORED, Kind.GATED);
    assertThat(outcomes).extracting(MessageOutcome::message).containsExactlyElementsOf(batch);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.disposition()).isEqualTo(Disposition.DONE));
    assertThat(outcomes.get(3).finished()).get().satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.STOPPED));
    assertThat(reported).containsExactlyInAnyOrderElementsOf(outcomes);
  }

  @Test
  void aFailedRunIsKeptForRedeliveryButIsNoFault() {
    List<MessageOutcome> outcomes =
        join(dispatcher(LifecycleDispatcher.Groups.ALL).dispatch(List.of(action("broken", brokenPoolInstance)), inAMinute()));

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(Kind.GATED);
      assertThat(o.finished().orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
      assertThat(o.reason()).contains("invalid configuration");
      assertThat(o.disposition()).isEqualTo(Disposition.RETRY);
      assertThat(o.fault()).isEmpty();
    });
  }

  @Test
  void actionsOfGroupsNotManagedAreDoneAndUnknownGroupsAreRetried() {
    LifecycleDispatcher dispatcher = dispatcher(group -> switch (group) {
      case "other" -> Membership.NOT_MANAGED;
      case "unknown" -> Membership.UNKNOWN;
      default -> throw new IllegalStateException("lookup broke");
    });

    List<MessageOutcome> outcomes = join(dispatcher.dispatch(
        List.of(action("other", "i-1"), action("unknown", "i-2"), action("thrower", "i-3")), inAMinute()));

    assertThat(outcomes).extracting(MessageOutcome::kind).containsExactly(Kind.NOT_MANAGED, Kind.GROUPS_UNKNOWN, Kind.GROUPS_UNKNOWN);
    assertThat(outcomes).extracting(MessageOutcome::disposition)
        .containsExactly(Disposition.DONE, Disposition.RETRY, Disposition.RETRY);
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void anActionAfterTheBudgetOrAfterCloseIsNotStartedAndKeptForRedelivery() {
    LifecycleDispatcher dispatcher = dispatcher(LifecycleDispatcher.Groups.ALL);

    MessageOutcome late = join(dispatcher.dispatch(List.of(action("web", "i-1")), scheduler.now().minusSeconds(1))).get(0);
    dispatcher.close();
    MessageOutcome closed = join(dispatcher.dispatch(List.of(action("web", "i-1"), new LifecycleMessage.TestNotification("web")),
        inAMinute())).get(0);

    assertThat(late.kind()).isEqualTo(Kind.NO_BUDGET);
    assertThat(closed.kind()).isEqualTo(Kind.SHUT_DOWN);
    assertThat(List.of(late, closed)).allSatisfy(o -> assertThat(o.disposition()).isEqualTo(Disposition.RETRY));
    assertThat(reported).hasSize(3);
  }

  @Test
  void anOutcomeMustFitItsMessage() {
    assertThatThrownBy(() -> new MessageOutcome(new LifecycleMessage.Malformed("x"), Kind.GATED, "r", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageOutcome(action("web", "i-1"), Kind.GATED, "r", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GATED");
    assertThatThrownBy(() -> new LifecycleDispatcher(gate, scheduler, null, LifecycleDispatcher.Listener.NONE))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("groups");
  }

  @Test
  void aListenerThatThrowsChangesNoOutcome() {
    LifecycleDispatcher dispatcher = new LifecycleDispatcher(gate, scheduler, LifecycleDispatcher.Groups.ALL, listener(o -> {
      throw new IllegalStateException("broken listener");
    }));

    List<MessageOutcome> outcomes = join(dispatcher.dispatch(List.of(new LifecycleMessage.TestNotification("web")), inAMinute()));

    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(Kind.TEST_NOTIFICATION));
  }
}
