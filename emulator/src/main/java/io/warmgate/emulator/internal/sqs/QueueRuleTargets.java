package io.warmgate.emulator.internal.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.emulator.LifecycleEventListener;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.EventRule;
import io.warmgate.emulator.internal.engine.EventRules;
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
 * are not modelled: such a target is skipped with one WARN. Patterns match on exact values and the
 * {@code prefix}, {@code anything-but} and {@code exists} filters; any other filter matches nothing, so an event
 * is never routed by a guess.
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

  private static boolean matches(String pattern, JsonNode event) {
    try {
      return matchesObject(JSON.readTree(pattern), event);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static boolean matchesObject(JsonNode pattern, JsonNode event) {
    for (var it = pattern.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode value = event == null ? null : event.get(field.getKey());
      boolean ok = field.getValue().isObject() ? value != null && value.isObject() && matchesObject(field.getValue(), value)
          : anyMatches(field.getValue(), value);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // A leaf is a list of alternatives; an event field that is a list matches when any element does.
  private static boolean anyMatches(JsonNode alternatives, JsonNode value) {
    for (JsonNode alternative : alternatives) {
      if (alternative.isObject() && alternative.has("exists")) {
        if (alternative.get("exists").asBoolean() == (value != null)) {
          return true;
        }
        continue;
      }
      if (value == null) {
        continue;
      }
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (one(alternative, element)) {
            return true;
          }
        }
      } else if (one(alternative, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean one(JsonNode alternative, JsonNode value) {
    if (!alternative.isObject()) {
      return alternative.equals(value);
    }
    if (alternative.size() != 1) {
      return false;
    }
    JsonNode prefix = alternative.get("prefix");
    if (prefix != null) {
      return prefix.isTextual() && value.isTextual() && value.asText().startsWith(prefix.asText());
    }
    JsonNode but = alternative.get("anything-but");
    if (but != null && !but.isObject()) {
      for (JsonNode excluded : but.isArray() ? but : JSON.createArrayNode().add(but)) {
        if (excluded.equals(value)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
