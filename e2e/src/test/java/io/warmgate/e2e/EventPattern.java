package io.warmgate.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.doctor.EventPatterns;
import java.util.Map;
import java.util.Objects;

/**
 * An EventBridge event pattern from a synthesized template, matched by the core's matcher
 * ({@link EventPatterns}, the one doctor uses). A pattern that matcher would not match as EventBridge
 * does (numeric, cidr, $or and the like) is refused when it is read rather than matched wrongly.
 */
final class EventPattern {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JsonNode source;
  private final Map<String, Object> pattern;

  private EventPattern(JsonNode source, Map<String, Object> pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /**
   * Checks and keeps a pattern.
   *
   * @throws IllegalArgumentException if it is not an object of fields or uses an unsupported filter
   */
  static EventPattern of(JsonNode pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.isObject()) {
      throw new IllegalArgumentException("pattern must be a non-empty object of fields");
    }
    Map<String, Object> tree = JSON.convertValue(pattern, OBJECT);
    EventPatterns.requireSupported(tree);
    return new EventPattern(pattern, tree);
  }

  /** True if the event matches. */
  boolean matches(JsonNode event) {
    return event != null && event.isObject() && EventPatterns.matches(pattern, JSON.convertValue(event, OBJECT));
  }

  @Override
  public String toString() {
    return source.toString();
  }
}
