package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler invoked in-process with the spec's example event, a test notification, and garbage. */
class GateHandlerTest {

  private static HandlerFixture f;

  @BeforeAll
  static void start() {
    f = new HandlerFixture(b -> b, Map.of());
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void theSpecsExampleEventForAnInstanceThatDoesNotExistEndsStopped() {
    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("eventbridge-launch.json"), Duration.ofSeconds(30));

    assertThat(inv.thrown()).isEmpty();
    assertThat(inv.response().path("kind").asText()).isEqualTo("lifecycle");
    assertThat(inv.response().path("actions").asInt()).isEqualTo(1);
    assertThat(inv.response().path("outcomes").path("STOPPED").asInt()).isEqualTo(1);
    assertThat(inv.lines("finished")).singleElement().satisfies(l -> {
      assertThat(l.path("group").asText()).isEqualTo("my-asg");
      assertThat(l.path("hook").asText()).isEqualTo("my-launch-lifecycle-hook");
      assertThat(l.path("instanceId").asText()).isEqualTo("i-1234567890abcdef0");
      assertThat(l.path("phase").asText()).isEqualTo("ENTERING_WARM_POOL");
      assertThat(l.path("outcome").asText()).isEqualTo("STOPPED");
      // Written on a gate thread, yet it carries the invocation's Lambda context.
      assertThat(l.path("function_request_id").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    });
  }

  @Test
  void aTestNotificationIsAcknowledgedWithOneLine() {
    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("test-notification.json"), Duration.ofSeconds(30));

    assertThat(inv.response().path("testNotifications").asInt()).isEqualTo(1);
    assertThat(inv.response().path("actions").asInt()).isZero();
    assertThat(inv.lines("test-notification")).singleElement()
        .satisfies(l -> assertThat(l.path("group").asText()).isEqualTo("my-asg"));
  }

  @Test
  void withoutALambdaContextItStillAnswers() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    f.handler.handleRequest(new java.io.ByteArrayInputStream(
        HandlerFixture.resource("test-notification.json").getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);

    assertThat(HandlerFixture.JSON.readTree(out.toByteArray()).path("testNotifications").asInt()).isEqualTo(1);
  }

  @Test
  void anSqsBatchGatesItsActionAndAcknowledgesItsTestNotification() {
    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("sqs-batch-event.json"), Duration.ofSeconds(30));

    assertThat(inv.response().path("actions").asInt()).isEqualTo(1);
    assertThat(inv.response().path("testNotifications").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "{\"hello\":\"world\"}", "[1,2,3]", "{\"Records\":\"x\"}", "\u0000\u00ff"})
  void garbageGetsOneClearLineAndTheHandlerReturnsNormally(String garbage) {
    HandlerFixture.Invocation inv = f.invoke(garbage, Duration.ofSeconds(30));

    assertThat(inv.response().path("malformed").asInt()).isEqualTo(1);
    assertThat(inv.lines("malformed")).singleElement().satisfies(l -> {
      assertThat(l.path("level").asText()).isEqualTo("WARN");
      assertThat(l.path("reason").asText()).isNotBlank();
    });
  }

  @Test
  void anOversizedPayloadIsDroppedWithoutParsing() {
    HandlerFixture.Invocation inv = f.invoke(new byte[6 * 1024 * 1024 + 10], Duration.ofSeconds(30));

    assertThat(inv.response().path("reason").asText()).contains("larger than");
  }

  @Test
  void aScheduledEventSweepsAndFindsNothingWithoutManagedGroups() {
    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(30));

    assertThat(inv.response().path("kind").asText()).isEqualTo("sweep");
    assertThat(inv.response().path("groups").asInt()).isZero();
    assertThat(inv.lines("sweepFinished")).hasSize(1);
  }

  @Test
  void whenTheInvocationHasAlmostNoTimeLeftTheActionIsHandedOverAtOnce() {
    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("eventbridge-launch.json"), Duration.ofSeconds(1));

    assertThat(inv.response().path("actions").asInt()).isEqualTo(1);
    assertThat(inv.response().path("outcomes").path("HANDED_OVER").asInt()).isEqualTo(1);
    assertThat(inv.thrown()).as("a hand-over is not a failure").isEmpty();
  }
}
