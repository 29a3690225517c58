package io.warmgate.core.doctor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Matches EventBridge event patterns against an event, both as parsed JSON (maps, lists, scalars). Covers exact
 * values, {@code prefix}, {@code suffix}, {@code anything-but}, {@code exists}, {@code equals-ignore-case} and
 * {@code wildcard}; a filter it does not know does not match, so a route is never assumed.
 */
final class EventPatterns {

  private EventPatterns() {}

  /**
   * True if {@code pattern} matches {@code event}. A field named in {@code unknown} (a dotted path such as
   * {@code account}) is one whose value doctor cannot know; a pattern on it is taken to match.
   */
  static boolean matches(Map<String, Object> pattern, Map<String, Object> event, Set<String> unknown) {
    return matchesObject(pattern, event, "", unknown);
  }

  @SuppressWarnings("unchecked")
  private static boolean matchesObject(Map<String, Object> pattern, Map<String, Object> event, String path,
      Set<String> unknown) {
    for (Map.Entry<String, Object> e : pattern.entrySet()) {
      String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      Object value = event == null ? null : event.get(e.getKey());
      Object condition = e.getValue();
      if (condition instanceof Map<?, ?> nested) {
        if (unknown.contains(field)) {
          continue;
        }
        if (!(value instanceof Map<?, ?> object)
            || !matchesObject((Map<String, Object>) nested, (Map<String, Object>) object, field, unknown)) {
          return false;
        }
      } else if (condition instanceof List<?> alternatives) {
        if (unknown.contains(field)) {
          continue;
        }
        if (!matchesAny(alternatives, value)) {
          return false;
        }
      } else {
        // A pattern's leaves must be arrays; anything else matches nothing in EventBridge.
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAny(List<?> alternatives, Object value) {
    if (value instanceof List<?> values) {
      // An array in the event matches if any of its elements does.
      return values.stream().anyMatch(v -> matchesAny(alternatives, v));
    }
    for (Object alternative : alternatives) {
      if (alternative instanceof Map<?, ?> filter ? matchesFilter(filter, value) : equal(alternative, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesFilter(Map<?, ?> filter, Object value) {
    if (filter.size() != 1) {
      return false;
    }
    Map.Entry<?, ?> f = filter.entrySet().iterator().next();
    Object arg = f.getValue();
    String text = value instanceof String s ? s : null;
    return switch (String.valueOf(f.getKey())) {
      case "exists" -> Boolean.TRUE.equals(arg) == (value != null);
      case "prefix" -> text != null && arg instanceof String p && text.startsWith(p);
      case "suffix" -> text != null && arg instanceof String p && text.endsWith(p);
      case "equals-ignore-case" -> text != null && arg instanceof String p
          && text.toLowerCase(Locale.ROOT).equals(p.toLowerCase(Locale.ROOT));
      case "wildcard" -> text != null && arg instanceof String p && wildcard(p, text);
      case "anything-but" -> value != null && !anythingBut(arg, value);
      default -> false;
    };
  }

  /** True if {@code value} is one of what {@code anything-but} excludes. */
  private static boolean anythingBut(Object excluded, Object value) {
    if (excluded instanceof List<?> list) {
      return list.stream().anyMatch(x -> equal(x, value));
    }
    if (excluded instanceof Map<?, ?> filter) {
      return matchesFilter(filter, value);
    }
    return equal(excluded, value);
  }

  private static boolean equal(Object patternValue, Object value) {
    if (patternValue == null || value == null) {
      return patternValue == value;
    }
    if (patternValue instanceof Number a && value instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return patternValue.equals(value);
  }

  private static boolean wildcard(String glob, String text) {
    List<String> parts = java.util.Arrays.stream(glob.split("\\*", -1)).map(java.util.regex.Pattern::quote).toList();
    return text.matches(String.join(".*", parts));
  }
}
