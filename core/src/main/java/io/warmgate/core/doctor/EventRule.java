package io.warmgate.core.doctor;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An EventBridge rule as ListRules returns it.
 *
 * @param name the rule's name
 * @param enabled true if its State is {@code ENABLED}
 * @param pattern its EventPattern parsed into maps, lists, strings, numbers and booleans; empty for a
 *     scheduled rule or a pattern that is not a JSON object
 */
public record EventRule(String name, boolean enabled, Optional<Map<String, Object>> pattern) {

  public EventRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
  }
}
