package io.warmgate.emulator.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An EventBridge event pattern, matched as EventBridge matches it: every field named must match; a list of
 * values matches if the event's value (or any element of the event's array) equals one of them, or satisfies
 * one of the content filters {@code prefix}, {@code exists} and {@code anything-but} (AWS's "Amazon EventBridge
 * event patterns" page). Other content filters (numeric, cidr, wildcard, $or and the like) are refused when
 * the pattern is read rather than matched wrongly. Immutable.
 */
public final class RulePattern {

  private static final Set<String> FILTERS = Set.of("prefix", "exists", "anything-but");

  private final JsonNode pattern;

  private RulePattern(JsonNode pattern) {
    this.pattern = pattern;
  }

  /**
   * Checks and keeps a pattern.
   *
   * @throws IllegalArgumentException if it is not an object of fields or uses a filter not matched here
   */
  public static RulePattern of(JsonNode pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.isObject() || pattern.isEmpty()) {
      throw new IllegalArgumentException("an event pattern must be a non-empty object of fields: " + pattern);
    }
    check(pattern, "");
    return new RulePattern(pattern.deepCopy());
  }

  private static void check(JsonNode node, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      if (f.getKey().startsWith("$")) {
        throw new IllegalArgumentException("event pattern operator " + f.getKey() + " at " + at + " is not matched locally");
      }
      if (f.getValue().isObject()) {
        check(f.getValue(), at);
      } else if (f.getValue().isArray()) {
        for (JsonNode v : f.getValue()) {
          if (v.isObject()) {
            String filter = v.fieldNames().hasNext() ? v.fieldNames().next() : "";
            if (v.size() != 1 || !FILTERS.contains(filter)) {
              throw new IllegalArgumentException("event pattern filter " + v + " at " + at + " is not matched locally");
            }
          } else if (v.isArray()) {
            throw new IllegalArgumentException("event pattern value " + v + " at " + at + " is not a scalar");
          }
        }
      } else {
        throw new IllegalArgumentException("event pattern field " + at + " must be an object or a list: " + f.getValue());
      }
    }
  }

  /** True if the event matches. */
  public boolean matches(JsonNode event) {
    return event != null && event.isObject() && matchesObject(pattern, event);
  }

  private static boolean matchesObject(JsonNode pattern, JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode value = event.path(f.getKey());
      boolean ok = f.getValue().isObject() ? value.isObject() && matchesObject(f.getValue(), value)
          : matchesValues(f.getValue(), value);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesValues(JsonNode allowed, JsonNode value) {
    for (JsonNode a : allowed) {
      if (a.isObject() && a.has("exists")) {
        boolean present = !value.isMissingNode() && !value.isObject();
        if (present == a.get("exists").asBoolean()) {
          return true;
        }
        continue;
      }
      if (value.isMissingNode()) {
        continue;
      }
      if (value.isArray()) {
        for (JsonNode v : value) {
          if (matchesOne(a, v)) {
            return true;
          }
        }
      } else if (matchesOne(a, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesOne(JsonNode allowed, JsonNode value) {
    if (allowed.isObject()) {
      if (allowed.has("prefix")) {
        return value.isTextual() && value.asText().startsWith(allowed.get("prefix").asText());
      }
      JsonNode but = allowed.get("anything-but");
      if (but.isArray()) {
        for (JsonNode b : but) {
          if (b.equals(value)) {
            return false;
          }
        }
        return true;
      }
      return !but.equals(value);
    }
    if (allowed.isNull()) {
      return value.isNull();
    }
    return allowed.equals(value) || (allowed.isNumber() && value.isNumber() && allowed.asDouble() == value.asDouble());
  }

  @Override
  public String toString() {
    return pattern.toString();
  }
}
