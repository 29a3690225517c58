package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the flattened parameters of an AWS Query or EC2 request, such as
 * {@code InstanceIds.member.1} (Auto Scaling) or {@code Filter.1.Value.1} (EC2), and reports bad or
 * missing ones with the service's error code.
 */
final class Params {
  private final Map<String, String> values;
  private final boolean ec2;

  Params(Map<String, String> values, boolean ec2) {
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
          "Value (" + value + ") for parameter " + lowerFirst(key) + " is invalid. " + why);
    }
    return ApiException.validation("1 validation error detected: Value '" + value + "' at '" + lowerFirst(key)
        + "' failed to satisfy constraint: " + why);
  }

  Integer integer(String key) {
    String v = values.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
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

  /** Returns a list: {@code key.member.N} for Auto Scaling, {@code key.N} for EC2, in index order. */
  List<String> list(String key) {
    String prefix = ec2 ? key + "." : key + ".member.";
    Map<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        String rest = e.getKey().substring(prefix.length());
        if (rest.chars().allMatch(Character::isDigit) && !rest.isEmpty()) {
          byIndex.put(Integer.parseInt(rest), e.getValue());
        }
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** Returns a list of structures ({@code key.member.N.*} or {@code key.N.*}), in index order. */
  List<Params> structs(String key) {
    String prefix = ec2 ? key + "." : key + ".member.";
    TreeSet<Integer> indexes = new TreeSet<>();
    for (String k : values.keySet()) {
      if (k.startsWith(prefix)) {
        String rest = k.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot > 0 && rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
          indexes.add(Integer.parseInt(rest.substring(0, dot)));
        }
      }
    }
    List<Params> out = new ArrayList<>();
    for (int index : indexes) {
      out.add(sub(prefix + index));
    }
    return out;
  }

  /** Returns the members of a nested structure ({@code key.*}). */
  Params sub(String key) {
    String prefix = key + ".";
    Map<String, String> inner = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        inner.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
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
      int offset = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(token),
          java.nio.charset.StandardCharsets.UTF_8));
      if (offset < 0) {
        throw new IllegalArgumentException();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      if (ec2) {
        throw new ApiException(400, "InvalidParameterValue", "The token '" + token + "' is invalid.");
      }
      throw new ApiException(400, "InvalidNextToken", "The token '" + token + "' is invalid.");
    }
  }

  static String token(int offset) {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(String.valueOf(offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
