package io.warmgate.emulator.internal.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One test of a statement's {@code Condition} block: an operator, a context key and its values.
 * Supported operators: {@code StringEquals}, {@code StringNotEquals}, {@code StringEqualsIgnoreCase},
 * {@code StringNotEqualsIgnoreCase}, {@code StringLike}, {@code StringNotLike}, each also with the
 * {@code IfExists} suffix.
 *
 * @param operator the operator without {@code IfExists}
 * @param ifExists whether a missing key satisfies the test
 * @param key the context key, lower case (IAM keys are case-insensitive)
 * @param values the values, any of which may match
 */
public record PolicyCondition(String operator, boolean ifExists, String key, List<String> values) {

  static final List<String> OPERATORS = List.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
      "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike");

  /** Validates the operator and copies the values. */
  public PolicyCondition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
    if (!OPERATORS.contains(operator)) {
      throw new IllegalArgumentException("unsupported condition operator " + operator);
    }
    key = key.toLowerCase(Locale.ROOT);
  }

  /** True if the request context satisfies this test (context keys in lower case). */
  boolean holds(Map<String, String> context) {
    String actual = context.get(key);
    boolean negated = operator.contains("Not");
    if (actual == null) {
      // AWS: a missing key fails a positive test and passes a negated one; IfExists passes both.
      return ifExists || negated;
    }
    boolean any = values.stream().anyMatch(v -> switch (operator) {
      case "StringLike", "StringNotLike" -> Wildcards.matches(v, actual);
      case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> v.equalsIgnoreCase(actual);
      default -> v.equals(actual);
    });
    return negated != any;
  }
}
