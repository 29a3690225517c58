package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The defect: with a function timeout whose run budget (the timeout less the safety margin) cannot hold a
 * phase's settle delay and its last round, every invocation restarted the streak and handed over, and a
 * healthy instance was abandoned at its deadline without a word. Now the first invocation says so, once.
 */
class TimeoutTooShortForSettleTest {

  private HandlerFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aTimeoutThatCannotHoldTheWarmPoolSettleLogsOneErrorNamingTheNumbers() {
    // The fixture's margin is 2 s: a 40 s timeout leaves 38 s; entering the pool needs 5 + 30 + 5 + 5 = 45 s.
    f = new HandlerFixture(b -> b, Map.of());
    String sweep = HandlerFixture.resource("scheduled-event.json");

    HandlerFixture.Invocation first = f.invoke(sweep, Duration.ofSeconds(40));
    HandlerFixture.Invocation second = f.invoke(sweep, Duration.ofSeconds(40));

    assertThat(first.lines("budgetTooShort")).singleElement().satisfies(l -> {
      assertThat(l.path("level").asText()).isEqualTo("ERROR");
      assertThat(l.path("reason").asText())
          .contains("a run gets 38s (40s less the 2s safety margin)")
          .contains("ENTERING_WARM_POOL needs a run budget of 45s (settle 30s")
          .contains("set the function's timeout to at least 47s")
          .doesNotContain("COLD_START");
    });
    assertThat(second.lines("budgetTooShort")).as("logged once per execution environment").isEmpty();
    assertThat(first.response().path("kind").asText()).isEqualTo("sweep");
  }

  @Test
  void aTimeoutThatHoldsEveryPhaseLogsNoError() {
    f = new HandlerFixture(b -> b, Map.of());

    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(47));

    assertThat(inv.lines("budgetTooShort")).isEmpty();
    assertThat(inv.lines().stream().map(l -> l.path("level").asText())).doesNotContain("ERROR");
  }

  @Test
  void aPolicyWithoutSettleFitsAShortTimeout() {
    f = new HandlerFixture(b -> b, Map.of("WARMGATE_PHASES_ENTERING_WARM_POOL_SETTLE", "0s"));

    HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(20));

    assertThat(inv.lines("budgetTooShort")).isEmpty();
    JsonNode response = inv.response();
    assertThat(response.path("kind").asText()).isEqualTo("sweep");
  }
}
