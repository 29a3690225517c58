package io.warmgate.aws.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.doctor.EventRoutes;
import io.warmgate.core.doctor.EventRule;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/** Reads EventBridge rules from the emulator with the real SDK client. */
class EventBridgeRoutesTest {

  @Test
  void readsEveryRuleOverSeveralPagesWithParsedPatternsAndState() {
    try (EmulatedAws aws = EmulatedAws.start();
        EventBridgeClient events = EmulatorClients.of(aws).build(EventBridgeClient.builder(), "AWS_ENDPOINT_URL_EVENTBRIDGE")) {
      events.putRule(r -> r.name("gate").eventPattern(
          "{\"source\":[\"aws.autoscaling\"],\"detail\":{\"AutoScalingGroupName\":[\"web\"]}}"));
      events.putRule(r -> r.name("off").eventPattern("{\"source\":[\"aws.autoscaling\"]}").state(RuleState.DISABLED));
      for (int k = 0; k < 120; k++) {
        int n = k;
        events.putRule(r -> r.name(String.format("sweep-%03d", n)).scheduleExpression("rate(1 minute)"));
      }

      EventRoutes routes = new EventBridgeRoutes(events).read();

      assertThat(routes).isInstanceOf(EventRoutes.Checked.class);
      List<EventRule> rules = ((EventRoutes.Checked) routes).rules();
      assertThat(rules).hasSize(122);
      assertThat(rules).filteredOn(r -> r.name().equals("gate")).singleElement().satisfies(r -> {
        assertThat(r.enabled()).isTrue();
        assertThat(r.pattern()).contains(Map.of("source", List.of("aws.autoscaling"),
            "detail", Map.of("AutoScalingGroupName", List.of("web"))));
      });
      assertThat(rules).filteredOn(r -> r.name().equals("off")).singleElement()
          .satisfies(r -> assertThat(r.enabled()).isFalse());
      assertThat(rules).filteredOn(r -> r.name().startsWith("sweep-")).allMatch(r -> r.pattern().isEmpty());
    }
  }

  @Test
  void anUnreachableEndpointIsNotCheckedWithTheReason() {
    try (var clients = EmulatorClients.forEndpoint(URI.create("http://127.0.0.1:9")).maxAttempts(1).build();
        EventBridgeClient events = clients.build(EventBridgeClient.builder(), "AWS_ENDPOINT_URL_EVENTBRIDGE")) {

      EventRoutes routes = new EventBridgeRoutes(events).read();

      assertThat(routes).isInstanceOfSatisfying(EventRoutes.NotChecked.class,
          n -> assertThat(n.reason()).startsWith("ListRules failed:"));
    }
  }
}
