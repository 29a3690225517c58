package io.warmgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * An EventBridge event pattern, matched as EventBridge matches it for what the warmgate rules use:
 * a pattern names fields, nested objects recurse, every named field must match, unnamed fields are
 * ignored. A field's list of values matches when any value matches (any element, if the event's
 * field is a list); values are exact (type included) or content filters: {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (values or a prefix) and
 * {@code exists}. Other filters (numeric, cidr, wildcard, $or) are refused at parse time rather
 * than matched wrongly.
 */
final class EventPattern {

  private final JsonNode pattern;

  private EventPattern(JsonNode pattern) {
    this.pattern = pattern;
  }

  /**
   * Checks and keeps a pattern.
   *
   * @throws IllegalArgumentException if it is not an object of fields or uses an unsupported filter
   */
  static EventPattern of(JsonNode pattern) {
    Objects.requireNonNull(pattern, "pattern");
    check(pattern, "");
    return new EventPattern(pattern);
  }

  /** True if the event matches. */
  boolean matches(JsonNode event) {
    return matchesObject(pattern, event);
  }

  private static void check(JsonNode node, String path) {
    if (!node.isObject() || node.isEmpty()) {
      throw new IllegalArgumentException("pattern" + path + " must be a non-empty object of fields");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String at = path + "." + f.getKey();
      if (f.getKey().startsWith("$")) {
        throw new IllegalArgumentException("pattern" + at + ": " + f.getKey() + " is not supported");
      }
      JsonNode v = f.getValue();
      if (v.isObject()) {
        check(v, at);
      } else if (v.isArray() && !v.isEmpty()) {
        for (JsonNode item : v) {
          if (item.isObject()) {
            filter(item, at);
          } else if (item.isArray()) {
            throw new IllegalArgumentException("pattern" + at + ": nested lists are not allowed");
          }
        }
      } else {
        throw new IllegalArgumentException("pattern" + at + " must be an object or a non-empty list, got " + v);
      }
    }
  }

  private static void filter(JsonNode item, String at) {
    if (item.size() != 1) {
      throw new IllegalArgumentException("pattern" + at + ": a content filter has exactly one key, got " + item);
    }
    String kind = item.fieldNames().next();
    JsonNode arg = item.get(kind);
    switch (kind) {
      case "prefix", "suffix", "equals-ignore-case" -> {
        if (!arg.isTextual()) {
          throw new IllegalArgumentException("pattern" + at + ": " + kind + " takes a string, got " + arg);
        }
      }
      case "exists" -> {
        if (!arg.isBoolean()) {
          throw new IllegalArgumentException("pattern" + at + ": exists takes true or false, got " + arg);
        }
      }
      case "anything-but" -> {
        if (arg.isObject() && !(arg.size() == 1 && arg.has("prefix") && arg.get("prefix").isTextual())) {
          throw new IllegalArgumentException("pattern" + at + ": anything-but takes values or {\"prefix\": ...}, got " + arg);
        }
      }
      default -> throw new IllegalArgumentException("pattern" + at + ": content filter " + kind + " is not supported");
    }
  }

  private static boolean matchesObject(JsonNode pattern, JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode value = event == null || !event.isObject() ? null : event.get(f.getKey());
      if (!matchesField(f.getValue(), value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesField(JsonNode rule, JsonNode value) {
    if (rule.isObject()) {
      return value != null && value.isObject() && matchesObject(rule, value);
    }
    for (JsonNode allowed : rule) {
      if (allowed.isObject() && allowed.has("exists")) {
        if (allowed.get("exists").asBoolean() == (value != null && !value.isNull() && !value.isObject())) {
          return true;
        }
        continue;
      }
      if (value == null) {
        continue;
      }
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (matchesValue(allowed, element)) {
            return true;
          }
        }
      } else if (matchesValue(allowed, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesValue(JsonNode allowed, JsonNode value) {
    if (!allowed.isObject()) {
      return equal(allowed, value);
    }
    String kind = allowed.fieldNames().next();
    JsonNode arg = allowed.get(kind);
    return switch (kind) {
      case "prefix" -> value.isTextual() && value.asText().startsWith(arg.asText());
      case "suffix" -> value.isTextual() && value.asText().endsWith(arg.asText());
      case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(arg.asText());
      case "anything-but" -> anythingBut(arg, value);
      default -> throw new IllegalStateException("unchecked filter " + kind);
    };
  }

  private static boolean anythingBut(JsonNode arg, JsonNode value) {
    if (arg.isObject()) {
      return value.isTextual() && !value.asText().startsWith(arg.get("prefix").asText());
    }
    if (arg.isArray()) {
      for (JsonNode excluded : arg) {
        if (equal(excluded, value)) {
          return false;
        }
      }
      return true;
    }
    return !equal(arg, value);
  }

  /** Exact match: strings to strings, numbers by value, booleans and null as themselves. */
  private static boolean equal(JsonNode allowed, JsonNode value) {
    if (allowed.isNumber() && value.isNumber()) {
      return allowed.decimalValue().compareTo(value.decimalValue()) == 0;
    }
    return allowed.getNodeType() == value.getNodeType() && allowed.equals(value);
  }

  @Override
  public String toString() {
    return pattern.toString();
  }
}
