package io.warmgate.core.doctor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches EventBridge event patterns against an event, both as parsed JSON (maps, lists, scalars), the one
 * matcher doctor and the end-to-end tests share. A pattern names fields, nested objects recurse, every named
 * field must match and unnamed ones are ignored; a field's list matches when any entry does (any element, if
 * the event's field is a list). Entries are exact values (type included, numbers by value) or the content
 * filters {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code anything-but}
 * (values or a prefix) and {@code exists}. A filter it does not know does not match, so a route is never
 * assumed; {@link #requireSupported} refuses such a pattern outright.
 */
public final class EventPatterns {

  private static final Set<String> FILTERS =
      Set.of("prefix", "suffix", "equals-ignore-case", "wildcard", "exists", "anything-but");

  private EventPatterns() {}

  /** True if {@code pattern} matches {@code event}. */
  public static boolean matches(Map<String, Object> pattern, Map<String, Object> event) {
    return matches(pattern, event, Set.of());
  }

  /**
   * True if {@code pattern} matches {@code event}. A field named in {@code unknown} (a dotted path such as
   * {@code account}) is one whose value doctor cannot know; a pattern on it is taken to match.
   */
  public static boolean matches(Map<String, Object> pattern, Map<String, Object> event, Set<String> unknown) {
    return matchesObject(pattern, event, "", unknown);
  }

  /**
   * Refuses a pattern this matcher would not match as EventBridge does: not a non-empty object of fields,
   * a leaf that is not a non-empty list, a nested list, {@code $or}, or a content filter it does not know.
   *
   * @throws IllegalArgumentException naming the field, e.g. {@code pattern.detail.Count: content filter
   *     numeric is not supported}
   */
  public static void requireSupported(Map<String, Object> pattern) {
    check(pattern, "");
  }

  private static void check(Object node, String path) {
    if (!(node instanceof Map<?, ?> object) || object.isEmpty()) {
      throw new IllegalArgumentException("pattern" + path + " must be a non-empty object of fields");
    }
    for (Map.Entry<?, ?> f : object.entrySet()) {
      String at = path + "." + f.getKey();
      if (String.valueOf(f.getKey()).startsWith("$")) {
        throw new IllegalArgumentException("pattern" + at + ": " + f.getKey() + " is not supported");
      }
      Object v = f.getValue();
      if (v instanceof Map<?, ?>) {
        check(v, at);
      } else if (v instanceof List<?> entries && !entries.isEmpty()) {
        for (Object entry : entries) {
          if (entry instanceof Map<?, ?> filter) {
            checkFilter(filter, at);
          } else if (entry instanceof List<?>) {
            throw new IllegalArgumentException("pattern" + at + ": nested lists are not allowed");
          }
        }
      } else {
        throw new IllegalArgumentException("pattern" + at + " must be an object or a non-empty list, got " + v);
      }
    }
  }

  private static void checkFilter(Map<?, ?> filter, String at) {
    if (filter.size() != 1) {
      throw new IllegalArgumentException("pattern" + at + ": a content filter has exactly one key, got " + filter);
    }
    Map.Entry<?, ?> f = filter.entrySet().iterator().next();
    String kind = String.valueOf(f.getKey());
    Object arg = f.getValue();
    if (!FILTERS.contains(kind)) {
      throw new IllegalArgumentException("pattern" + at + ": content filter " + kind + " is not supported");
    }
    boolean fits = switch (kind) {
      case "exists" -> arg instanceof Boolean;
      case "anything-but" -> !(arg instanceof Map<?, ?> m) || m.size() == 1 && m.get("prefix") instanceof String;
      default -> arg instanceof String;
    };
    if (!fits) {
      throw new IllegalArgumentException("pattern" + at + ": " + kind + " does not take " + arg);
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean matchesObject(Map<String, Object> pattern, Map<String, Object> event, String path,
      Set<String> unknown) {
    for (Map.Entry<String, Object> e : pattern.entrySet()) {
      String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      Object value = event == null ? null : event.get(e.getKey());
      Object condition = e.getValue();
      if (unknown.contains(field) && (condition instanceof Map<?, ?> || condition instanceof List<?>)) {
        continue;
      }
      if (condition instanceof Map<?, ?> nested) {
        if (!(value instanceof Map<?, ?> object)
            || !matchesObject((Map<String, Object>) nested, (Map<String, Object>) object, field, unknown)) {
          return false;
        }
      } else if (condition instanceof List<?> alternatives) {
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
      // exists is about leaves: an object is not a value that exists.
      case "exists" -> Boolean.TRUE.equals(arg) == (value != null && !(value instanceof Map<?, ?>));
      case "prefix" -> text != null && arg instanceof String p && text.startsWith(p);
      case "suffix" -> text != null && arg instanceof String p && text.endsWith(p);
      case "equals-ignore-case" -> text != null && arg instanceof String p
          && text.toLowerCase(Locale.ROOT).equals(p.toLowerCase(Locale.ROOT));
      case "wildcard" -> text != null && arg instanceof String p && wildcard(p, text);
      case "anything-but" -> anythingBut(arg, value);
      default -> false;
    };
  }

  /** True if {@code value} is present and none of what {@code anything-but} excludes; a prefix applies to strings. */
  private static boolean anythingBut(Object excluded, Object value) {
    if (value == null) {
      return false;
    }
    if (excluded instanceof List<?> list) {
      return list.stream().noneMatch(x -> equal(x, value));
    }
    if (excluded instanceof Map<?, ?> filter) {
      return value instanceof String && !matchesFilter(filter, value);
    }
    return !equal(excluded, value);
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
    List<String> parts = Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).toList();
    return text.matches(String.join(".*", parts));
  }
}
