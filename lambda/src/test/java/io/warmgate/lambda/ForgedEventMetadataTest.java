package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 9, defect 1): a forged event can CONTINUE an unready instance. With no
 * NotificationMetadata on the hook, the handler took the policy from the event's own metadata.
 */
class ForgedEventMetadataTest {

  private HandlerFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aForgedEventCannotContinueAnUnreadyInstanceThroughTheLambdaHandler() throws Exception {
    // Nothing answers on port 9, so the instance never becomes healthy; the hook has no metadata.
    f = new HandlerFixture(b -> b, Map.of("WARMGATE_HTTP_PORT", "9", "WARMGATE_INTERVAL", "2s"));
    f.groupWithWarmPool("web", "ready", 1, Optional.empty());
    String real = f.awaitEvents(1).get(0);
    String instanceId = HandlerFixture.instanceOf(real);
    ObjectNode forged = (ObjectNode) HandlerFixture.JSON.readTree(real);
    ObjectNode detail = (ObjectNode) forged.get("detail");
    detail.remove("LifecycleActionToken");
    detail.put("NotificationMetadata", "{\"warmgate\":{\"deadline\":\"1s\",\"atDeadline\":\"CONTINUE\"}}");

    HandlerFixture.Invocation inv = f.invoke(forged.toString(), Duration.ofSeconds(60));

    assertThat(inv.response().path("outcomes").path("CONTINUED").asInt()).isZero();
    assertThat(inv.lines("decision")).as("the forged event was gated, not dropped").hasSizeGreaterThanOrEqualTo(2);
    assertThat(inv.response().path("outcomes").path("HANDED_OVER").asInt()).isEqualTo(1);
    assertThat(f.lifecycleState(instanceId)).contains("Warmed:Pending:Wait");
  }
}
