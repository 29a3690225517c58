package io.warmgate.aws.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.doctor.EventRoutes;
import io.warmgate.core.doctor.EventRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Reads the rules of the default event bus with a paginated ListRules. A denied or failed call is not an error
 * here: it becomes {@link EventRoutes.NotChecked} with the reason, so doctor says it could not look instead of
 * guessing. Blocking; thread-safe.
 */
public final class EventBridgeRoutes {

  /** Stops paging after this many pages (100 rules each, three times EventBridge's default quota). */
  static final int MAX_PAGES = 10;
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final EventBridgeClient events;
  private final ObjectMapper json = new ObjectMapper();

  /** @param events the client; not closed here */
  public EventBridgeRoutes(EventBridgeClient events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Lists the rules, or says why it could not. */
  public EventRoutes read() {
    List<EventRule> rules = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    String token = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        String next = token;
        ListRulesResponse response = events.listRules(r -> r.eventBusName("default").limit(100).nextToken(next));
        for (Rule r : response.rules()) {
          rules.add(new EventRule(r.name(), r.state() == RuleState.ENABLED, pattern(r.eventPattern())));
        }
        token = response.nextToken();
        if (token == null || token.isEmpty() || !tokens.add(token)) {
          return new EventRoutes.Checked(rules);
        }
      }
    } catch (SdkException e) {
      return new EventRoutes.NotChecked("ListRules failed: " + AwsFailures.errorCode(e).map(c -> c + ": ").orElse("")
          + AwsFailures.errorMessage(e));
    }
    return new EventRoutes.NotChecked("ListRules returned more than " + MAX_PAGES + " pages; stopped reading");
  }

  private Optional<Map<String, Object>> pattern(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readValue(text, OBJECT));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
