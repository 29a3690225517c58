package io.warmgate.aws.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.testing.Payloads;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifecycleEventParserTest {

  private final LifecycleEventParser parser = new LifecycleEventParser();

  static String resource(String name) {
    return Payloads.text(name);
  }

  private LifecycleAction action(LifecycleMessage m) {
    assertThat(m).isInstanceOf(LifecycleMessage.Action.class);
    return ((LifecycleMessage.Action) m).action();
  }

  @Test
  void readsTheEventBridgeExampleFromTheSpec() {
    LifecycleMessage m = parser.parse(resource("eventbridge-launch.json"));

    LifecycleAction a = action(m);
    assertThat(((LifecycleMessage.Action) m).source()).isEqualTo("eventbridge");
    assertThat(a.groupName()).isEqualTo("my-asg");
    assertThat(a.hookName()).isEqualTo("my-launch-lifecycle-hook");
    assertThat(a.instanceId()).isEqualTo("i-1234567890abcdef0");
    assertThat(a.token()).contains("71514b9d-6a40-4b26-8523-05e7eEXAMPLE");
    assertThat(a.transition()).isEqualTo(LifecycleTransition.LAUNCHING);
    assertThat(a.origin()).contains(Location.EC2);
    assertThat(a.destination()).contains(Location.WARM_POOL);
    assertThat(a.phase()).isEqualTo(Phase.ENTERING_WARM_POOL);
  }

  @Test
  void readsATerminatingEventAsATerminatingAction() {
    LifecycleAction a = action(parser.parse(resource("eventbridge-terminate.json")));

    assertThat(a.transition()).isEqualTo(LifecycleTransition.TERMINATING);
    assertThat(a.phase()).isEqualTo(Phase.TERMINATING);
  }

  @Test
  void readsTheFlatSqsNotificationBody() {
    LifecycleMessage m = parser.parse(resource("sqs-lifecycle-body.json"));

    LifecycleAction a = action(m);
    assertThat(((LifecycleMessage.Action) m).source()).isEqualTo("notification");
    assertThat(a.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
    assertThat(a.token()).contains("c7a43f4a-8b2c-4b1c-9d2b-3f1e2d0cEXAMPLE");
  }

  @Test
  void unwrapsTheSnsEnvelope() {
    LifecycleAction a = action(parser.parse(resource("sns-envelope.json")));

    assertThat(a).isEqualTo(action(parser.parse(resource("sqs-lifecycle-body.json"))));
  }

  @Test
  void acknowledgesTheTestNotification() {
    assertThat(parser.parse(resource("test-notification.json")))
        .isEqualTo(new LifecycleMessage.TestNotification("my-asg"));
  }

  @Test
  void readsEveryRecordOfAnSqsBatch() {
    List<LifecycleMessage> all = parser.parseAll(resource("sqs-batch-event.json"));

    assertThat(all).hasSize(2);
    assertThat(action(all.get(0)).instanceId()).isEqualTo("i-1234567890abcdef0");
    assertThat(all.get(1)).isEqualTo(new LifecycleMessage.TestNotification("my-asg"));
  }

  @Test
  void readsEventBridgeEventsForwardedThroughSqsAndNotificationsDeliveredBySnsToLambda() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    var batch = json.createObjectNode();
    var records = batch.putArray("Records");
    records.addObject().put("eventSource", "aws:sqs").put("body", resource("eventbridge-launch.json"));
    records.addObject().put("EventSource", "aws:sns").putObject("Sns")
        .put("Type", "Notification").put("Message", resource("sqs-lifecycle-body.json"));

    List<LifecycleMessage> all = parser.parseAll(json.writeValueAsString(batch));

    assertThat(all).hasSize(2);
    assertThat(action(all.get(0)).phase()).isEqualTo(Phase.ENTERING_WARM_POOL);
    assertThat(action(all.get(1)).phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
  }

  @Test
  void aBrokenRecordIsNamedByItsIndex() {
    List<LifecycleMessage> all = parser.parseAll("{\"Records\":[{\"body\":\"oops\"}]}");

    assertThat(all).singleElement().isInstanceOf(LifecycleMessage.Malformed.class)
        .extracting(m -> ((LifecycleMessage.Malformed) m).reason()).asString().startsWith("record 0: not JSON");
  }

  @Test
  void aSingleMessageIsABatchOfOne() {
    assertThat(parser.parseAll(resource("eventbridge-launch.json"))).hasSize(1)
        .first().isInstanceOf(LifecycleMessage.Action.class);
  }

  @Test
  void ignoresOtherEventBridgeEvents() {
    assertThat(parser.parse(resource("scheduled-event.json")))
        .isInstanceOf(LifecycleMessage.Ignored.class)
        .extracting(m -> ((LifecycleMessage.Ignored) m).reason()).asString().contains("aws.events");
    assertThat(parser.parse("{\"source\":\"aws.autoscaling\",\"detail-type\":\"EC2 Instance Launch Successful\",\"detail\":{}}"))
        .isInstanceOf(LifecycleMessage.Ignored.class);
    assertThat(parser.parse("{\"Event\":\"autoscaling:EC2_INSTANCE_LAUNCH\",\"AutoScalingGroupName\":\"g\"}"))
        .isInstanceOf(LifecycleMessage.Ignored.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "not json", "{", "[]", "42", "null", "\"text\"", "{}", "{\"foo\":1}",
      "{\"Records\":5}", "{\"Records\":[1,{\"x\":1}]}",
      "{\"source\":\"aws.autoscaling\",\"detail-type\":\"EC2 Instance-launch Lifecycle Action\"}",
      "{\"source\":\"aws.autoscaling\",\"detail-type\":\"EC2 Instance-launch Lifecycle Action\",\"detail\":[]}",
      "{\"Type\":\"Notification\",\"Message\":\"garbage\"}",
      "\u0000\u0001\u0002"
  })
  void neverThrowsOnGarbage(String garbage) {
    List<LifecycleMessage> all = parser.parseAll(garbage);

    assertThat(all).isNotEmpty().allSatisfy(m -> assertThat(m)
        .isInstanceOfAny(LifecycleMessage.Malformed.class, LifecycleMessage.Ignored.class));
    assertThat(parser.parse(garbage)).isNotInstanceOf(LifecycleMessage.Action.class);
  }

  @Test
  void namesTheMissingFieldsOfABrokenNotification() {
    LifecycleMessage m = parser.parse(
        "{\"LifecycleTransition\":\"autoscaling:EC2_INSTANCE_LAUNCHING\",\"AutoScalingGroupName\":\"g\"}");

    assertThat(m).isEqualTo(new LifecycleMessage.Malformed("notification lacks LifecycleHookName, EC2InstanceId"));
  }

  @Test
  void rejectsUnknownTransitionsAndLocationsClearly() {
    String base = "{\"AutoScalingGroupName\":\"g\",\"LifecycleHookName\":\"h\",\"EC2InstanceId\":\"i-1\",";

    assertThat(parser.parse(base + "\"LifecycleTransition\":\"autoscaling:EC2_INSTANCE_REBOOTING\"}"))
        .isInstanceOf(LifecycleMessage.Malformed.class)
        .extracting(m -> ((LifecycleMessage.Malformed) m).reason()).asString().contains("EC2_INSTANCE_REBOOTING");
    assertThat(parser.parse(base + "\"LifecycleTransition\":\"autoscaling:EC2_INSTANCE_LAUNCHING\",\"Origin\":\"Mars\"}"))
        .isInstanceOf(LifecycleMessage.Malformed.class)
        .extracting(m -> ((LifecycleMessage.Malformed) m).reason()).asString().contains("Mars");
  }

  @Test
  void anEventWithoutTokenOrLocationsIsStillAnAction() {
    LifecycleAction a = action(parser.parse("{\"AutoScalingGroupName\":\"g\",\"LifecycleHookName\":\"h\","
        + "\"EC2InstanceId\":\"i-1\",\"LifecycleTransition\":\"autoscaling:EC2_INSTANCE_LAUNCHING\","
        + "\"LifecycleActionToken\":\"\",\"Time\":\"yesterday\"}"));

    assertThat(a.token()).isEmpty();
    assertThat(a.origin()).isEmpty();
    assertThat(a.phase()).isEqualTo(Phase.COLD_START);
  }

  @Test
  void longGarbageIsExcerptedInTheReason() {
    String reason = ((LifecycleMessage.Malformed) parser.parse("x".repeat(10_000) + "\n")).reason();

    assertThat(reason.length()).isLessThan(120);
  }
}
