package io.warmgate.cli.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.cli.daemon.Daemon;
import io.warmgate.cli.daemon.JsonLogListener;
import io.warmgate.cli.demo.EmulatorScheduler;
import io.warmgate.core.gate.Gate;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import io.warmgate.testing.Payloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue reader of {@code warmgate run --queue-url} against the emulator's SQS, fed by an EventBridge rule that
 * targets the queue: the daemon sweeps nothing, so the queue alone drives the gate.
 */
class QueueRunnerTest {
  private static final String GROUP = "web";
  private static final int HEALTH_PORT = 18082;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, Integer> handled = new ConcurrentHashMap<>();
  private EmulatedAws aws;
  private SqsClient sqs;
  private String queueUrl;
  private Daemon daemon;
  private QueueRunner runner;

  @AfterEach
  void stop() throws Exception {
    if (runner != null) {
      runner.stopReceiving();
    }
    if (daemon != null) {
      daemon.close();
    }
    if (runner != null) {
      runner.close(Duration.ofSeconds(5));
    }
    executor.shutdownNow();
    if (sqs != null) {
      sqs.close();
    }
    aws.close();
  }

  @Test
  void everyLaunchEventOnTheQueueIsGatedOnceAndItsMessageDeleted() {
    start(EmulatorFaults.NONE, Duration.ofSeconds(60));

    aws.warmPool(GROUP, 3);

    await().atMost(WAIT).until(() -> poolSettled(3));
    await().atMost(WAIT).until(() -> messagesLeft() == 0);
    assertThat(actions("CONTINUE")).isEqualTo(3);
    assertThat(actions("expired")).isZero();
    assertThat(handled).hasSize(3).allSatisfy((body, n) -> assertThat(n).isEqualTo(1));
    assertThat(log()).contains("\"event\":\"queue-started\"").doesNotContain("\"level\":\"WARN\"");
  }

  @Test
  void aMessageHeldLongerThanItsVisibilityTimeoutIsExtendedNotDeliveredAgain() {
    // 10 s of visibility against Linux boots of about a simulated minute: each run outlasts it several times.
    start(EmulatorFaults.NONE, Duration.ofSeconds(10));

    aws.warmPool(GROUP, 2);

    await().atMost(WAIT).until(() -> poolSettled(2));
    await().atMost(WAIT).until(() -> messagesLeft() == 0);
    assertThat(aws.emulator.apiCallCounts().getOrDefault("ChangeMessageVisibility", 0L)).isPositive();
    assertThat(handled).hasSize(2).allSatisfy((body, n) -> assertThat(n).isEqualTo(1));
    assertThat(actions("CONTINUE")).isEqualTo(2);
  }

  @Test
  void redeliveredMessagesJoinTheRunInProgressAndEachActionCompletesOnce() {
    start(EmulatorFaults.NONE.withMessageRedeliveryRate(0.5), Duration.ofSeconds(60));

    aws.warmPool(GROUP, 3);

    await().atMost(WAIT).until(() -> poolSettled(3));
    await().atMost(WAIT).until(() -> messagesLeft() == 0);
    assertThat(actions("CONTINUE")).isEqualTo(3);
    assertThat(actions("started")).isEqualTo(3);
  }

  @Test
  void aMalformedMessageIsDeletedWithOneWarningAndATestNotificationIsAcknowledged() {
    start(EmulatorFaults.NONE, Duration.ofSeconds(60));

    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"detail-type\": not json"));
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Payloads.text(Payloads.TEST_NOTIFICATION)));

    await().atMost(WAIT).until(() -> handled.size() == 2 && messagesLeft() == 0);
    assertThat(log().lines().filter(l -> l.contains("\"level\":\"WARN\"")).toList()).singleElement()
        .satisfies(l -> assertThat(l).contains("\"event\":\"malformed\""));
    assertThat(log()).contains("\"event\":\"queue-malformed-deleted\"").contains("\"event\":\"test-notification\"");
  }

  private void start(EmulatorFaults faults, Duration visibility) {
    aws = EmulatedAws.start(WarmPoolEmulator.builder().speed(20).seed(11).faults(faults).healthPort(HEALTH_PORT));
    aws.group(GROUP).bootProfile("linux").maxSize(3).launchingHook("ready",
        "{\"warmgate\":{\"http\":{\"port\":" + HEALTH_PORT + ",\"path\":\"/health\"}}}").heartbeatSeconds(600).create();
    sqs = LoopbackClients.sqs(aws.endpoint());
    queueUrl = sqs.createQueue(r -> r.queueName("lifecycle")).queueUrl();
    String arn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    aws.eventBridge().putRule(r -> r.name("launches").eventPattern("{\"source\":[\"aws.autoscaling\"],"
        + "\"detail-type\":[\"EC2 Instance-launch Lifecycle Action\"]}"));
    aws.eventBridge().putTargets(r -> r.rule("launches").targets(Target.builder().id("queue").arn(arn).build()));

    AwsClients clients = aws.own(AwsClients.builder().endpoint(aws.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(LoopbackClients.credentials(LoopbackClients.ACCESS_KEY_ID)).build());
    EmulatorScheduler scheduler = new EmulatorScheduler(aws.emulator.clock());
    JsonLogListener log = new JsonLogListener(new PrintStream(logBytes, true, StandardCharsets.UTF_8),
        aws.emulator.clock().asJavaClock());
    AwsGateFactory factory = AwsGateFactory.of(clients, scheduler);
    Gate gate = factory.gate().executor(executor).environment(Map.of()).listener(log).build();
    // The sweep covers no group: only the queue's messages reach the gate.
    daemon = new Daemon(gate, factory.sweeper(List::of, gate, executor), () -> List.of(GROUP), scheduler, log,
        new Daemon.Options(Duration.ofSeconds(60), Optional.empty(), Duration.ofSeconds(10)));
    daemon.start();
    runner = new QueueRunner(sqs, queueUrl, messages -> {
      handled.merge(messages.toString(), 1, Integer::sum);
      return daemon.dispatch(messages);
    }, scheduler, log, new QueueRunner.Options(visibility, Duration.ofSeconds(20), 100, 5));
    runner.start();
  }

  private boolean poolSettled(int n) {
    List<String> states = aws.pool(GROUP).stream().map(i -> i.lifecycleStateAsString()).toList();
    return states.size() == n && states.stream().allMatch("Warmed:Stopped"::equals);
  }

  private long actions(String prefix) {
    return aws.emulator.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ACTION && e.to().startsWith(prefix)).count();
  }

  private int messagesLeft() {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.ALL)).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
