package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: an emulated group with a warm pool and a launching hook emits a lifecycle event; the
 * handler, wired to the emulator only through its environment, gates it and completes the action.
 */
class GateHandlerEndToEndTest {

  private static final Map<String, String> POLICY = Map.of(
      "WARMGATE_HTTP_PORT", "8080",
      "WARMGATE_INTERVAL", "200ms",
      "WARMGATE_CONSECUTIVE", "2",
      "WARMGATE_SETTLE", "0s");

  private HandlerFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void theEmittedEventIsGatedUntilHealthyAndTheActionCompletesWithContinue() {
    f = new HandlerFixture(b -> b, POLICY);
    f.groupWithWarmPool("web", "ready", 1);
    String event = f.awaitEvents(1).get(0);
    String instanceId = HandlerFixture.instanceOf(event);
    long started = System.nanoTime();

    HandlerFixture.Invocation inv = f.invoke(event, Duration.ofSeconds(60));

    System.out.printf("end-to-end: event handled in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(inv.response().path("outcomes").path("CONTINUED").asInt()).isEqualTo(1);
    List<JsonNode> decisions = inv.lines("decision");
    assertThat(decisions).isNotEmpty().allSatisfy(l -> {
      assertThat(l.path("group").asText()).isEqualTo("web");
      assertThat(l.path("hook").asText()).isEqualTo("ready");
      assertThat(l.path("instanceId").asText()).isEqualTo(instanceId);
      assertThat(l.path("phase").asText()).isEqualTo("ENTERING_WARM_POOL");
      assertThat(l.has("decision")).isTrue();
      assertThat(l.has("reason")).isTrue();
      assertThat(l.path("probes").isArray()).isTrue();
    });
    assertThat(decisions.get(decisions.size() - 1).path("decision").asText()).isEqualTo("Continue");
    await().atMost(HandlerFixture.WAIT).until(() -> f.lifecycleState(instanceId).orElse("").equals("Warmed:Stopped"));
  }

  @Test
  void aSweepFindsInstancesWhoseEventsWereLostAndCompletesThem() {
    f = new HandlerFixture(b -> b, withGroups("web"));
    f.groupWithWarmPool("web", "ready", 2);
    List<String> ids = f.awaitEvents(2).stream().map(HandlerFixture::instanceOf).toList();

    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(60));

    assertThat(inv.response().path("kind").asText()).isEqualTo("sweep");
    assertThat(inv.response().path("waiting").asInt()).isEqualTo(2);
    assertThat(inv.response().path("outcomes").path("CONTINUED").asInt()).isEqualTo(2);
    await().atMost(HandlerFixture.WAIT).until(() -> ids.stream()
        .allMatch(id -> f.lifecycleState(id).orElse("").equals("Warmed:Stopped")));
  }

  @Test
  void inShadowModeTheVerdictIsLoggedButTheActionKeepsWaiting() {
    f = new HandlerFixture(b -> b, with("WARMGATE_SHADOW", "true"));
    f.groupWithWarmPool("web", "ready", 1);
    String event = f.awaitEvents(1).get(0);
    String instanceId = HandlerFixture.instanceOf(event);

    HandlerFixture.Invocation inv = f.invoke(event, Duration.ofSeconds(60));

    assertThat(inv.response().path("outcomes").path("SHADOWED").asInt()).isEqualTo(1);
    assertThat(f.lifecycleState(instanceId)).contains("Warmed:Pending:Wait");
  }

  @Test
  void anInstanceThatNeverAnswersIsHandedOverBeforeTheInvocationEnds() {
    f = new HandlerFixture(b -> b, with("WARMGATE_HTTP_PORT", "9"));
    f.groupWithWarmPool("web", "ready", 1);
    String event = f.awaitEvents(1).get(0);
    String instanceId = HandlerFixture.instanceOf(event);
    Duration remaining = Duration.ofSeconds(20);
    long started = System.nanoTime();

    HandlerFixture.Invocation inv = f.invoke(event, remaining);

    // The emulator's clock runs 5x, so 20 s of Lambda time is 4 s of real time here.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(remaining);
    assertThat(inv.response().path("outcomes").path("HANDED_OVER").asInt()).isEqualTo(1);
    assertThat(f.lifecycleState(instanceId)).contains("Warmed:Pending:Wait");
  }

  @Test
  void anEventWhoseRunIsHandedOverEarlyEndsTheInvocationAtOnceNotAtTheBudgetEnd() {
    // Guard for a replay in which two invocations logged "finished HANDED_OVER" and then ran on to the
    // function's timeout: once its only run is handed over, the handler must return, not wait for the budget.
    f = new HandlerFixture(b -> b, handOverEarly(Map.of()));
    f.groupWithWarmPool("web", "ready", 1);
    String event = f.awaitEvents(1).get(0);
    long started = System.nanoTime();

    HandlerFixture.Invocation inv = f.invoke(event, HAND_OVER_REMAINING);

    assertThat(inv.response().path("outcomes").path("HANDED_OVER").asInt()).isEqualTo(1);
    assertThat(inv.lines("handedOver")).as("nothing was left running at the deadline").isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
  }

  @Test
  void aSweepWhoseRunsAreAllHandedOverEarlyEndsTheInvocationAtOnceNotAtTheBudgetEnd() {
    f = new HandlerFixture(b -> b, handOverEarly(Map.of("WARMGATE_GROUPS", "web")));
    f.groupWithWarmPool("web", "ready", 2);
    f.awaitEvents(2);
    long started = System.nanoTime();

    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), HAND_OVER_REMAINING);

    assertThat(inv.response().path("waiting").asInt()).isEqualTo(2);
    assertThat(inv.response().path("outcomes").path("HANDED_OVER").asInt()).isEqualTo(2);
    assertThat(inv.lines("sweepTimedOut")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
  }

  /** 100 s of the emulator's clock (5x): the budget ends about 20 s of real time after the invocation starts. */
  private static final Duration HAND_OVER_REMAINING = Duration.ofSeconds(100);
  /** Half of that real time: a handler that waited for the budget's end instead of the runs takes longer. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  /** An instance that never answers (port 9) and a 10-minute interval: the first round's Wait hands the run over. */
  private static Map<String, String> handOverEarly(Map<String, String> extra) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(POLICY);
    m.put("WARMGATE_HTTP_PORT", "9");
    m.put("WARMGATE_INTERVAL", "10m");
    m.putAll(extra);
    return m;
  }

  @Test
  void aSweepActsOnTheHookAsItJustReadItNotOnTheGatesOlderCopy() {
    // Regression: the gate and the sweeper each kept their own hook cache, so after a hook's metadata
    // changed, a sweep listed the new hook but the gate went on using its cached old one for minutes.
    f = new HandlerFixture(b -> b, withGroups("web"));
    f.groupWithWarmPool("web", "ready", 1);
    String event = f.awaitEvents(1).get(0);
    String instanceId = HandlerFixture.instanceOf(event);
    putHookMetadata("{\"warmgate\":{\"http\":{\"path\":\"/health\"},\"shadow\":true}}");
    HandlerFixture.Invocation shadowed = f.invoke(event, Duration.ofSeconds(60));
    assertThat(shadowed.response().path("outcomes").path("SHADOWED").asInt()).isEqualTo(1);

    putHookMetadata("{\"warmgate\":{\"http\":{\"path\":\"/health\"}}}");
    HandlerFixture.Invocation sweep = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(60));

    assertThat(sweep.response().path("outcomes").path("CONTINUED").asInt()).isEqualTo(1);
    await().atMost(HandlerFixture.WAIT).until(() -> f.lifecycleState(instanceId).orElse("").equals("Warmed:Stopped"));
  }

  private void putHookMetadata(String metadata) {
    f.runtime.clients.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("ready")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300).defaultResult("ABANDON")
        .notificationMetadata(metadata));
  }

  private static Map<String, String> withGroups(String groups) {
    return with("WARMGATE_GROUPS", groups);
  }

  private static Map<String, String> with(String key, String value) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(POLICY);
    m.put(key, value);
    return m;
  }
}
