package io.warmgate.lambda;

import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.core.model.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runner's own settings, read from the environment; readiness policy keys ({@code WARMGATE_HTTP_*},
 * {@code WARMGATE_SHADOW}, ...) are the core's and are read by its policy resolver.
 *
 * @param groups {@code WARMGATE_GROUPS}: comma-separated group names swept regardless of tags
 * @param managedTag {@code WARMGATE_MANAGED_TAG}: groups tagged with it ({@code =true}) are swept too;
 *     default {@value TaggedManagedGroups#DEFAULT_TAG}, {@code none} turns tag discovery off
 * @param safetyMargin {@code WARMGATE_LAMBDA_SAFETY_MARGIN}: time kept back from the invocation's
 *     remaining time so the handler returns before Lambda stops it; a duration such as {@code 10s} or {@code PT10S};
 *     at least 1 s and below 15 min; default 10 s
 * @param workers {@code WARMGATE_LAMBDA_WORKERS}: threads for blocking AWS calls, which caps concurrent
 *     calls during a sweep; default 16
 */
public record LambdaSettings(List<String> groups, String managedTag, Duration safetyMargin, int workers) {

  /** The default safety margin. */
  public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(10);
  /** The smallest safety margin accepted. */
  public static final Duration MIN_SAFETY_MARGIN = Duration.ofSeconds(1);
  /** The safety margin must stay below this, Lambda's longest invocation. */
  public static final Duration MAX_SAFETY_MARGIN = Duration.ofMinutes(15);
  /** The default worker count. */
  public static final int DEFAULT_WORKERS = 16;

  public LambdaSettings {
    groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    Objects.requireNonNull(managedTag, "managedTag");
    Objects.requireNonNull(safetyMargin, "safetyMargin");
    // At least 1 s: the handler waits up to half the margin past the gate's budget, so a zero margin
    // would wait right up to Lambda's deadline. Below 15 min: Lambda's longest run, so a larger margin
    // would hand every action over without a single probe.
    if (safetyMargin.compareTo(MIN_SAFETY_MARGIN) < 0 || safetyMargin.compareTo(MAX_SAFETY_MARGIN) >= 0) {
      throw new IllegalArgumentException(
          "WARMGATE_LAMBDA_SAFETY_MARGIN must be at least 1s and below 15m, got " + Durations.human(safetyMargin));
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("WARMGATE_LAMBDA_WORKERS must be in 1..256, got " + workers);
    }
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the variable whose value is malformed
   */
  public static LambdaSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    List<String> groups =
        Arrays.stream(value(env, "WARMGATE_GROUPS", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    String tag = value(env, "WARMGATE_MANAGED_TAG", TaggedManagedGroups.DEFAULT_TAG);
    if (tag.equalsIgnoreCase("none")) {
      tag = "";
    }
    return new LambdaSettings(
        groups,
        tag,
        duration(value(env, "WARMGATE_LAMBDA_SAFETY_MARGIN", ""), DEFAULT_SAFETY_MARGIN),
        workers(value(env, "WARMGATE_LAMBDA_WORKERS", "")));
  }

  /** One line for the startup log. */
  public String describe() {
    return "groups=" + groups + " managedTag=" + (managedTag.isEmpty() ? "(off)" : managedTag)
        + " safetyMargin=" + Durations.human(safetyMargin) + " workers=" + workers;
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static Duration duration(String v, Duration fallback) {
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("WARMGATE_LAMBDA_SAFETY_MARGIN: " + e.getMessage(), e);
    }
  }

  private static int workers(String v) {
    if (v.isEmpty()) {
      return DEFAULT_WORKERS;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("WARMGATE_LAMBDA_WORKERS must be an integer, got '" + v + "'", e);
    }
  }
}
