package io.warmgate.emulator.internal.engine;

import java.util.regex.Pattern;

/**
 * Checks request values against the constraints of the AWS service models (lengths, patterns,
 * ranges) and quotes hostile input safely in error messages. Every failure is a 400
 * {@code ValidationError} worded as Auto Scaling words it.
 */
public final class Check {
  /** The longest piece of a rejected value an error message quotes. */
  static final int ECHO_LIMIT = 64;
  // Auto Scaling's AsciiStringMaxLen255 (hook names) and the characters XML 1.0 can carry.
  private static final Pattern ASCII_NAME = Pattern.compile("[A-Za-z0-9\\-_/]+");

  private Check() {
  }

  /**
   * Returns the value as an error message may quote it: at most {@value #ECHO_LIMIT} characters,
   * with control and other unprintable characters written as {@code \\uXXXX}.
   */
  public static String echo(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(value.length(), ECHO_LIMIT) + 8);
    int n = Math.min(value.length(), ECHO_LIMIT);
    for (int k = 0; k < n; k++) {
      char c = value.charAt(k);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c >= 0xfffe || Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.length() > ECHO_LIMIT) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** Returns whether every character may appear in an XML 1.0 document (the XmlString pattern). */
  public static boolean xmlChars(String value) {
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xfffe) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (k + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(k + 1))) {
          return false;
        }
        k++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the "1 validation error detected" error Auto Scaling answers for a bad member. */
  public static ApiException constraint(String member, String value, String why) {
    return ApiException.validation("1 validation error detected: Value '" + echo(value) + "' at '" + member
        + "' failed to satisfy constraint: " + why);
  }

  /** Checks an XmlString member of 1 to max characters (null passes: absent). */
  public static String xmlString(String member, String value, int max) {
    if (value == null) {
      return null;
    }
    // Each bound has its own sentence in AWS's model validation; there is no "between" for lengths.
    if (value.isEmpty()) {
      throw constraint(member, value, "Member must have length greater than or equal to 1");
    }
    if (value.length() > max) {
      throw constraint(member, value, "Member must have length less than or equal to " + max);
    }
    if (!xmlChars(value)) {
      throw constraint(member, value, "Member must satisfy regular expression pattern: "
          + "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");
    }
    return value;
  }

  /** Checks an AsciiStringMaxLen255 member such as a hook name: letters, digits, {@code -_/}. */
  public static String asciiName(String member, String value) {
    if (value.length() > 255) {
      throw constraint(member, value, "Member must have length less than or equal to 255");
    }
    if (!ASCII_NAME.matcher(value).matches()) {
      throw constraint(member, value, "Member must satisfy regular expression pattern: [A-Za-z0-9\\-_\\/]+");
    }
    return value;
  }

  /** Checks an integer member against inclusive bounds (null passes: absent). */
  public static Integer range(String member, Integer value, int min, int max) {
    if (value == null) {
      return null;
    }
    if (value < min) {
      throw constraint(member, String.valueOf(value), "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw constraint(member, String.valueOf(value), "Member must have value less than or equal to " + max);
    }
    return value;
  }

  /** Checks an EC2 tag: a key of 1 to 128 characters and a value of at most 256, XML characters only. */
  public static void ec2Tag(String key, String value) {
    if (key == null || key.isEmpty() || key.length() > 128 || !xmlChars(key)) {
      throw ApiException.ec2Invalid("Value ( " + echo(key) + " ) for parameter key is invalid. "
          + "Tag keys must be 1 to 128 characters.");
    }
    if (value != null && (value.length() > 256 || !xmlChars(value))) {
      throw ApiException.ec2Invalid("Value ( " + echo(value) + " ) for parameter value is invalid. "
          + "Tag values must be at most 256 characters.");
    }
  }
}
