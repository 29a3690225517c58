package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The defect: with a function timeout whose run budget (the timeout less the safety margin) cannot hold a
 * phase's settle delay and its last round, every invocation restarted the streak and handed over, and a
 * healthy instance was abandoned at its deadline without a word. Now the first run of each hook's phase
 * says so, once per execution environment, naming the numbers.
 */
class TimeoutTooShortForSettleTest {

  private static final Map<String, String> POLICY = Map.of("WARMGATE_HTTP_PORT", "8080");

  private HandlerFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aTimeoutThatCannotHoldTheWarmPoolSettleLogsOneErrorNamingTheNumbers() {
    // The fixture's margin is 2 s: a 20 s timeout leaves 18 s; entering the pool needs 5 + 30 + 5 + 5 = 45 s.
    f = new HandlerFixture(b -> b, POLICY);
    f.groupWithWarmPool("web", "ready", 1);
    String event = f.awaitEvents(1).get(0);

    HandlerFixture.Invocation first = f.invoke(event, Duration.ofSeconds(20));
    HandlerFixture.Invocation second = f.invoke(event, Duration.ofSeconds(20));

    assertThat(first.lines("budgetTooShort")).singleElement().satisfies(l -> {
      assertThat(l.path("level").asText()).isEqualTo("ERROR");
      assertThat(l.path("group").asText()).isEqualTo("web");
      assertThat(l.path("hook").asText()).isEqualTo("ready");
      assertThat(l.path("phase").asText()).isEqualTo("ENTERING_WARM_POOL");
      assertThat(l.path("reason").asText()).isEqualTo("a run gets 18s (timeout 20s less the 2s safety margin) but"
          + " ENTERING_WARM_POOL needs 45s (settle 30s, 3 passes 1s apart, probe timeout 5s, 2 x call reserve 5s);"
          + " healthy instances would be abandoned at the deadline; set the function's timeout to at least 47s");
    });
    assertThat(first.response().path("outcomes").path("HANDED_OVER").asInt()).isEqualTo(1);
    assertThat(second.lines("budgetTooShort")).as("logged once per hook and phase").isEmpty();
  }

  @Test
  void aHookWhosePolicyFitsTheTimeoutLogsNoError() {
    // Without the settle the streak needs 5 + 2 x 1 + 5 + 5 = 17 s, within the 18 s a run gets.
    f = new HandlerFixture(b -> b, POLICY);
    f.groupWithWarmPool("web", "ready", 1,
        Optional.of("{\"warmgate\":{\"http\":{\"path\":\"/health\"},\"phases\":{\"enteringWarmPool\":{\"settle\":\"0s\"}}}}"));
    String event = f.awaitEvents(1).get(0);

    HandlerFixture.Invocation inv = f.invoke(event, Duration.ofSeconds(20));

    assertThat(inv.lines("budgetTooShort")).isEmpty();
    assertThat(inv.lines().stream().map(l -> l.path("level").asText())).doesNotContain("ERROR");
  }
}
