package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the flattened parameters of an AWS Query or EC2 request, such as
 * {@code InstanceIds.member.1} (Auto Scaling) or {@code Filter.1.Value.1} (EC2), and reports bad or
 * missing ones with the service's error code. List indexes run from 1 to {@value #MAX_INDEX}
 * (the emulator's cap); any other index is a bad request, not a crash. Lookups of lists and
 * structures take a range of the sorted keys, so a request with many parameters costs
 * O(n log n), not O(n^2).
 */
final class Params {
  /** The highest list index a request may use (for example {@code Tags.member.1000.Key}). */
  static final int MAX_INDEX = 1000;

  private final NavigableMap<String, String> values;
  private final boolean ec2;

  Params(Map<String, String> values, boolean ec2) {
    this(new TreeMap<>(values), ec2);
  }

  private Params(NavigableMap<String, String> values, boolean ec2) {
    this.values = values;
    this.ec2 = ec2;
  }

  String get(String key) {
    return values.get(key);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  String required(String key) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      throw missing(key);
    }
    return v;
  }

  ApiException missing(String key) {
    if (ec2) {
      return new ApiException(400, "MissingParameter", "The request must contain the parameter " + key);
    }
    return ApiException.validation("1 validation error detected: Value null at '" + lowerFirst(key)
        + "' failed to satisfy constraint: Member must not be null");
  }

  ApiException invalid(String key, String value, String why) {
    if (ec2) {
      return new ApiException(400, "InvalidParameterValue",
          "Value (" + Check.echo(value) + ") for parameter " + lowerFirst(key) + " is invalid. " + why);
    }
    return Check.constraint(lowerFirst(key), value, why);
  }

  Integer integer(String key) {
    String v = values.get(key);
    if (v == null) {
      return null;
    }
    try {
      // No trim(): it would strip control characters and let "10\u0001" pass as 10.
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw invalid(key, v, "Member must be an integer");
    }
  }

  int integer(String key, int min, int max, int fallback) {
    Integer v = integer(key);
    if (v == null) {
      return fallback;
    }
    if (v < min || v > max) {
      throw invalid(key, String.valueOf(v), "Member must have value between " + min + " and " + max);
    }
    return v;
  }

  Boolean bool(String key) {
    String v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalid(key, v, "Member must be a boolean");
  }

  boolean bool(String key, boolean fallback) {
    Boolean v = bool(key);
    return v == null ? fallback : v;
  }

  private NavigableMap<String, String> withPrefix(String prefix) {
    // Every key that starts with the prefix sorts between it and the prefix followed by U+FFFF.
    return values.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }

  /** Returns a list: {@code key.member.N} for Auto Scaling, {@code key.N} for EC2, in index order. */
  List<String> list(String key) {
    String prefix = listPrefix(key);
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : withPrefix(prefix).entrySet()) {
      String rest = e.getKey().substring(prefix.length());
      if (!rest.isEmpty() && rest.chars().allMatch(Params::isDigit)) {
        byIndex.put(index(key, rest), e.getValue());
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** Returns a list of structures ({@code key.member.N.*} or {@code key.N.*}), in index order. */
  List<Params> structs(String key) {
    String prefix = listPrefix(key);
    TreeMap<Integer, NavigableMap<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : withPrefix(prefix).entrySet()) {
      String rest = e.getKey().substring(prefix.length());
      int dot = rest.indexOf('.');
      if (dot > 0 && rest.substring(0, dot).chars().allMatch(Params::isDigit)) {
        byIndex.computeIfAbsent(index(key, rest.substring(0, dot)), k -> new TreeMap<>())
            .put(rest.substring(dot + 1), e.getValue());
      }
    }
    List<Params> out = new ArrayList<>(byIndex.size());
    byIndex.values().forEach(members -> out.add(new Params(members, ec2)));
    return out;
  }

  private String listPrefix(String key) {
    return ec2 ? key + "." : key + ".member.";
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private int index(String key, String digits) {
    // At most 4 digits reach the cap; longer ones (past 2^31 - 1 too) are out of range.
    int index = digits.length() <= 4 ? Integer.parseInt(digits) : Integer.MAX_VALUE;
    if (index < 1 || index > MAX_INDEX) {
      throw invalid(key, digits, "List index must be between 1 and " + MAX_INDEX);
    }
    return index;
  }

  /** Returns the members of a nested structure ({@code key.*}). */
  Params sub(String key) {
    String prefix = key + ".";
    NavigableMap<String, String> inner = new TreeMap<>();
    withPrefix(prefix).forEach((k, v) -> inner.put(k.substring(prefix.length()), v));
    return new Params(inner, ec2);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /** Parses a NextToken (an offset we issued) or fails with the service's error code. */
  int offset(String key) {
    String token = values.get(key);
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      if (offset < 0) {
        throw new IllegalArgumentException();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      if (ec2) {
        throw new ApiException(400, "InvalidParameterValue", "The token '" + Check.echo(token) + "' is invalid.");
      }
      throw new ApiException(400, "InvalidNextToken", "The token '" + Check.echo(token) + "' is invalid.");
    }
  }

  static String token(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
