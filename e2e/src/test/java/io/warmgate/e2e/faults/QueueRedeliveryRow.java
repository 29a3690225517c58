package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue runner under SQS's at-least-once delivery: an EventBridge rule sends every lifecycle event to a queue,
 * 30% of the messages received are delivered again (the receive leaves them visible, so the next receive gets them
 * under a new handle), and {@code warmgate run --queue-url}, a real process from the CLI jar, is killed with SIGKILL
 * while it holds messages, then restarted. Its sweep runs once at start and then only every 10 minutes, so the
 * queue is what drives the gate.
 */
final class QueueRedeliveryRow implements FaultRow {

  private static final int INSTANCES = 6;
  private static final Duration VISIBILITY = Duration.ofSeconds(10);

  @Override
  public String fault() {
    return "queue runner: 30% of SQS messages redelivered; the daemon process killed with SIGKILL mid-batch and"
        + " restarted";
  }

  @Override
  public String guarantee() {
    return "every instance decided correctly (CONTINUEd once healthy, completed once); no message lost (the queue"
        + " drains, every held message comes back); nothing loops (no message received more than a few times)";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    EmulatorFaults faults = EmulatorFaults.NONE.withMessageRedeliveryRate(0.3);
    try (FaultWorld world = new FaultWorld("queue", 1, 311, faults, DaemonKilledRow.shortWindows());
        SqsClient sqs = SqsClient.builder().endpointOverride(world.emulator.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
      world.group("queued", INSTANCES, 120);
      String queueUrl = sqs.createQueue(r -> r.queueName("lifecycle")).queueUrl();
      String arn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      try (var events = world.admin.build(software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder(),
          "AWS_ENDPOINT_URL_EVENTBRIDGE")) {
        events.putRule(r -> r.name("lifecycle").eventPattern("{\"source\":[\"aws.autoscaling\"],\"detail-type\":"
            + "[\"EC2 Instance-launch Lifecycle Action\"]}"));
        events.putTargets(r -> r.rule("lifecycle").targets(Target.builder().id("queue").arn(arn).build()));
      }
      // Events reach the runner through the queue only.
      world.deliverWith(json -> { });
      Map<String, String> env = DaemonKilledRow.realTimeEnvironment();
      List<String> args = List.of("--group", "queued", "--queue-url", queueUrl, "--queue-visibility-timeout",
          VISIBILITY.toSeconds() + "s", "--no-listen", "--sweep-interval", "10m", "--shutdown-grace", "5s");
      CliDaemon first = world.startProcess(args, env);
      assertThat(world.await(Duration.ofSeconds(120), () -> !world.logLines("queue-started").isEmpty()))
          .as("the first process polls: %s", first).isTrue();
      world.fillPool("queued", INSTANCES);
      Instant t0 = world.emulator.clock().now();

      // Mid-batch: the runner holds messages (hidden from the queue) and gates their actions.
      assertThat(world.await(Duration.ofSeconds(60), () -> notVisible(sqs, queueUrl) >= 2
          && world.logLines("decision").size() >= 4)).as("the first process holds messages: %s", first).isTrue();
      int heldAtKill = notVisible(sqs, queueUrl);
      int status = first.kill();
      Instant killedAt = world.emulator.clock().now();
      assertThat(status).as("SIGKILL ended it (128 + 9)").isEqualTo(137);
      Thread.sleep(3_000);
      CliDaemon second = world.startProcess(args, env);

      boolean settled = world.await(Duration.ofSeconds(150), () ->
          world.instances("queued").size() >= INSTANCES
              && world.instances("queued").stream().noneMatch(i -> world.waits(i).isOpen())
              && stored(sqs, queueUrl) == 0);
      Checks.onTime(world, Duration.ofSeconds(5), figures);
      Map<String, Long> queue = world.emulator.queueStats();
      figures.put("messages sent", queue.get("sent")).put("received", queue.get("received"))
          .put("redelivered by the fault", queue.get("redelivered")).put("deleted", queue.get("deleted"))
          .put("held at the kill", heldAtKill).put("killed at", Duration.between(t0, killedAt))
          .put("exit status", status).put("left in the queue", stored(sqs, queueUrl));
      assertThat(settled).as("every wait ended and the queue drained: %s; queue %s", world.states("queued"), queue)
          .isTrue();
      Figures f = new Figures();
      List<Checks.Wait> waits = Checks.everyWaitContinuedWhenHealthy(world, "queued", INSTANCES, f);
      figures.put("queued", f.summary());
      assertThat(Checks.completions(world, "queued")).as("completed once each").isEqualTo(waits.size());
      assertThat(world.entries(TimelineEntry.Kind.ACTION, "expired")).as("no hook expired").isEmpty();
      assertThat(queue.get("sent")).as("one message per lifecycle event").isGreaterThanOrEqualTo(INSTANCES);
      assertThat(queue.get("deleted")).as("every message deleted once, none lost").isEqualTo(queue.get("sent"));
      assertThat(queue.get("received")).as("the kill's held messages came back; redeliveries were received again")
          .isGreaterThan(queue.get("sent"));
      // Bounded: each message was received at most a handful of times (the kill, the fault's redeliveries).
      assertThat(queue.get("received")).as("nothing loops").isLessThanOrEqualTo(queue.get("sent") * 6);
      assertThat(world.logLines("queue-gave-up")).as("no message given up").isEmpty();
      assertThat(second.isAlive()).as("the second process still runs").isTrue();
    }
  }

  private static int notVisible(SqsClient sqs, String url) {
    return Integer.parseInt(attributes(sqs, url).get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static int stored(SqsClient sqs, String url) {
    Map<QueueAttributeName, String> a = attributes(sqs, url);
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
  }

  private static Map<QueueAttributeName, String> attributes(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
  }
}
