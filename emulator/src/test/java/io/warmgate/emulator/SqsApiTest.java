package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.warmgate.testing.LoopbackClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.warmgate.testing.EmulatedAws;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** SQS in its JSON protocol through the real SDK v2 client: messages, visibility, receive counts, long polls, limits. */
class SqsApiTest {
  private WarmPoolEmulator emulator;
  private SqsClient sqs;
  private String url;

  @BeforeEach
  void start() {
    // 10x: visibility timeouts and long polls of simulated seconds pass in a tenth of that.
    emulator = WarmPoolEmulator.builder().speed(10).start();
    sqs = LoopbackClients.sqs(emulator.endpoint());
    url = sqs.createQueue(r -> r.queueName("gate-events")).queueUrl();
  }

  @AfterEach
  void stop() {
    sqs.close();
    emulator.close();
  }

  @Test
  void aSentMessageIsReceivedOnceWithItsBodyAndHiddenUntilItsVisibilityTimeoutEnds() {
    String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"hello\":1}")).messageId();

    List<Message> first = receive(5, 0);
    List<Message> whileHidden = receive(5, 0);

    assertThat(first).singleElement().satisfies(m -> {
      assertThat(m.messageId()).isEqualTo(id);
      assertThat(m.body()).isEqualTo("{\"hello\":1}");
      assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
    });
    assertThat(whileHidden).isEmpty();
    assertThat(url).isEqualTo(emulator.endpoint() + "/123456789012/gate-events");
    assertThat(sqs.getQueueUrl(r -> r.queueName("gate-events")).queueUrl()).isEqualTo(url);
  }

  @Test
  void aMessageNotDeletedComesBackWithItsReceiveCountRaisedAndANewHandle() throws InterruptedException {
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("again"));
    Message first = receive(1, 0).get(0);

    Thread.sleep(300); // 3 simulated seconds, beyond the 1 s visibility timeout
    Message second = receive(1, 0).get(0);

    assertThat(second.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
    assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
    // The old handle's delete succeeds and deletes nothing, as SQS documents for DeleteMessage.
    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));
    assertThat(stored()).isEqualTo(1);
    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(second.receiptHandle()));
    assertThat(stored()).isZero();
  }

  @Test
  void changingVisibilityKeepsAMessageHiddenAndZeroReturnsItAtOnce() {
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("held"));
    // 60 s simulated (6 s real at 10x): the change below must find the message still in flight, however
    // busy the machine; receive()'s 1 s (100 ms real) expired before it on a loaded build.
    Message m = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(60)).messages().get(0);

    sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(600));
    List<Message> hidden = receive(1, 0);
    sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    List<Message> back = receive(1, 0);

    assertThat(hidden).isEmpty();
    assertThat(back).singleElement().extracting(Message::body).isEqualTo("held");
  }

  @Test
  void aLongPollReturnsAsSoonAsAMessageArrivesAndEmptyWhenItsWaitEnds() throws Exception {
    long t0 = System.nanoTime();
    List<Message> empty = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages();
    long emptyMillis = (System.nanoTime() - t0) / 1_000_000;

    Thread sender = new Thread(() -> {
      sleep(100);
      sqs.sendMessage(r -> r.queueUrl(url).messageBody("late"));
    });
    sender.start();
    t0 = System.nanoTime();
    List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages();
    long gotMillis = (System.nanoTime() - t0) / 1_000_000;
    sender.join();

    assertThat(empty).isEmpty();
    assertThat(emptyMillis).as("2 simulated seconds at 10x").isBetween(150L, 1_500L);
    assertThat(got).singleElement().extracting(Message::body).isEqualTo("late");
    assertThat(gotMillis).as("well before the 2 s of real time a 20 s wait takes at 10x").isLessThan(1_500L);
  }

  @Test
  void outOfRangeReceiveSettingsAreRefusedAsSqsWordsThem() {
    SqsException tooMany = catchThrowableOfType(SqsException.class,
        () -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)));
    SqsException tooLong = catchThrowableOfType(SqsException.class,
        () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(21)));
    SqsException tooHidden = catchThrowableOfType(SqsException.class,
        () -> sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(43_201)));

    assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.awsErrorDetails().errorMessage()).isEqualTo("Value 11 for parameter MaxNumberOfMessages is"
        + " invalid. Reason: Must be between 1 and 10, if provided.");
    assertThat(tooLong.awsErrorDetails().errorMessage()).contains("WaitTimeSeconds");
    assertThat(tooHidden.awsErrorDetails().errorMessage()).contains("VisibilityTimeout");
  }

  @Test
  void badHandlesUnknownQueuesAndEmptyBodiesGetSqsErrors() {
    QueueDoesNotExistException noQueue = catchThrowableOfType(QueueDoesNotExistException.class,
        () -> sqs.sendMessage(r -> r.queueUrl(emulator.endpoint() + "/123456789012/nope").messageBody("x")));
    ReceiptHandleIsInvalidException forged = catchThrowableOfType(ReceiptHandleIsInvalidException.class,
        () -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle("forged")));
    SqsException empty = catchThrowableOfType(SqsException.class,
        () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("")));
    SqsException control = catchThrowableOfType(SqsException.class,
        () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("bell \u0007")));
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
    Message m = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages().get(0);
    MessageNotInflightException notInFlight = catchThrowableOfType(MessageNotInflightException.class,
        () -> sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(30)));

    assertThat(noQueue.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(noQueue.awsErrorDetails().errorMessage()).isEqualTo("The specified queue does not exist.");
    assertThat(forged).isNotNull();
    assertThat(empty.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(control.awsErrorDetails().errorCode()).isEqualTo("InvalidMessageContents");
    assertThat(notInFlight.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight");
  }

  @Test
  void aRuleThatTargetsAQueueDeliversEachMatchingLifecycleEventAsTheEventBridgeEnvelope() {
    try (EmulatedAws aws = EmulatedAws.start(b -> b.speed(10));
        SqsClient queue = LoopbackClients.sqs(aws.endpoint())) {
      String events = queue.createQueue(r -> r.queueName("events")).queueUrl();
      String arn = queue.getQueueAttributes(r -> r.queueUrl(events).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      aws.eventBridge().putRule(r -> r.name("launches").eventPattern("{\"source\":[\"aws.autoscaling\"],"
          + "\"detail-type\":[\"EC2 Instance-launch Lifecycle Action\"],\"detail\":{\"AutoScalingGroupName\":"
          + "[{\"prefix\":\"web\"}]}}"));
      aws.eventBridge().putTargets(r -> r.rule("launches").targets(Target.builder().id("q").arn(arn).build()));

      aws.groupWithWarmPool("web", "gate", 1, null);
      aws.groupWithWarmPool("other", "gate", 1, null);
      List<Message> got = queue.receiveMessage(r -> r.queueUrl(events).waitTimeSeconds(20)).messages();
      aws.awaitWaitingInPool("other", 1);

      assertThat(got).singleElement().satisfies(m -> {
        assertThat(m.body()).contains("\"detail-type\":\"EC2 Instance-launch Lifecycle Action\"")
            .contains("\"AutoScalingGroupName\":\"web\"").contains("\"LifecycleActionToken\"");
        assertThat(aws.emulator.emittedEvents()).contains(m.body());
      });
      assertThat(queue.receiveMessage(r -> r.queueUrl(events).waitTimeSeconds(1)).messages())
          .as("the other group's event matched no rule").isEmpty();
    }
  }

  private List<Message> receive(int max, int wait) {
    return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max).waitTimeSeconds(wait).visibilityTimeout(1)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  // Visible or not: with 1 s timeouts at 10x, which of the two it is depends on the machine.
  private int stored() {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL)).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
