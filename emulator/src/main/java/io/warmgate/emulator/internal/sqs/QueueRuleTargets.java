package io.warmgate.emulator.internal.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.emulator.LifecycleEventListener;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.EventRule;
import io.warmgate.emulator.internal.engine.EventRules;
import io.warmgate.emulator.stack.RulePattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each lifecycle event to the queues that EventBridge rules target: for every enabled rule whose pattern
 * matches, each target whose ARN names one of the emulated queues gets the event as EventBridge sends it to SQS,
 * the event's JSON as the message body (or the target's constant {@code Input}). InputPath and InputTransformer
 * are not modelled: such a target is skipped with one WARN. Patterns are matched by {@link RulePattern} (exact
 * values and the {@code prefix}, {@code anything-but} and {@code exists} filters); a pattern it refuses matches
 * nothing, so an event is never routed by a guess.
 */
public final class QueueRuleTargets implements LifecycleEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(QueueRuleTargets.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventRules rules;
  private final Queues queues;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** Routes the rules' matching events to the queues they target. */
  public QueueRuleTargets(EventRules rules, Queues queues) {
    this.rules = rules;
    this.queues = queues;
  }

  @Override
  public void onEvent(String eventJson) {
    JsonNode event;
    try {
      event = JSON.readTree(eventJson);
    } catch (JsonProcessingException e) {
      return;
    }
    List<Map.Entry<String, String>> sends = new java.util.ArrayList<>();
    synchronized (rules) {
      for (EventRule rule : rules.list(null)) {
        if (!"ENABLED".equals(rule.state) || rule.eventPattern == null || !matches(rule.eventPattern, event)) {
          continue;
        }
        for (Map<String, Object> target : rule.targets.values()) {
          String name = queueName(String.valueOf(target.get("Arn")));
          if (name == null) {
            continue;
          }
          if (target.containsKey("InputPath") || target.containsKey("InputTransformer")) {
            if (warned.add(rule.name + "/" + target.get("Id"))) {
              LOG.warn("rule {} target {}: InputPath and InputTransformer are not modelled; not delivered", rule.name,
                  target.get("Id"));
            }
            continue;
          }
          Object input = target.get("Input");
          sends.add(Map.entry(name, input instanceof String constant ? constant : eventJson));
        }
      }
    }
    for (Map.Entry<String, String> s : sends) {
      try {
        queues.send(s.getKey(), s.getValue(), null);
      } catch (ApiException e) {
        // EventBridge retries and then drops (or dead-letters); the emulator records the loss in its log.
        LOG.warn("event to queue {} not delivered: {} {}", s.getKey(), e.code(), e.getMessage());
      }
    }
  }

  private String queueName(String arn) {
    String prefix = queues.arnOf("");
    return arn.startsWith(prefix) && queues.exists(arn.substring(prefix.length())) ? arn.substring(prefix.length()) : null;
  }

  // The emulator's one pattern matcher (the stack reader's); a pattern it refuses matches nothing.
  private static boolean matches(String pattern, JsonNode event) {
    try {
      return RulePattern.of(JSON.readTree(pattern)).matches(event);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return false;
    }
  }
}
