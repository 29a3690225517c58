package io.warmgate.core.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scaling activity as DescribeScalingActivities returns it, reduced to what the rules read.
 *
 * @param activityId the activity's id
 * @param description e.g. {@code Launching a new EC2 instance into warm pool: i-0123}
 * @param start StartTime
 * @param end EndTime, empty while the activity is in progress
 * @param statusCode e.g. {@code Successful}, {@code MidLifecycleAction}, {@code Cancelled}
 */
public record ScalingActivity(String activityId, String description, Instant start, Optional<Instant> end,
    String statusCode) {

  private static final Pattern INSTANCE = Pattern.compile(":\\s*(i-[0-9a-z]+)\\s*$");

  /** What an activity did, read from its description (Auto Scaling's fixed wording). */
  public enum Kind {
    /** {@code Launching a new EC2 instance into warm pool: i-...}. */
    LAUNCH_INTO_WARM_POOL,
    /** {@code Launching a new EC2 instance from warm pool: i-...}. */
    LAUNCH_FROM_WARM_POOL,
    /** {@code Launching a new EC2 instance: i-...} (a cold start). */
    LAUNCH,
    /** Anything else: terminations, moves back to the pool. */
    OTHER
  }

  public ScalingActivity {
    Objects.requireNonNull(activityId, "activityId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(statusCode, "statusCode");
  }

  /** The kind of activity its description names. */
  public Kind kind() {
    if (description.startsWith("Launching a new EC2 instance into warm pool")) {
      return Kind.LAUNCH_INTO_WARM_POOL;
    }
    if (description.startsWith("Launching a new EC2 instance from warm pool")) {
      return Kind.LAUNCH_FROM_WARM_POOL;
    }
    if (description.startsWith("Launching a new EC2 instance")) {
      return Kind.LAUNCH;
    }
    return Kind.OTHER;
  }

  /** True for the launches a launching hook holds (into the pool, out of it, or cold). */
  public boolean isLaunch() {
    return kind() != Kind.OTHER;
  }

  /** The instance id at the end of the description, if there is one. */
  public Optional<String> instanceId() {
    Matcher m = INSTANCE.matcher(description);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** How long the activity took, or has taken so far at {@code now} while in progress. */
  public Duration duration(Instant now) {
    Duration d = Duration.between(start, end.orElse(now));
    return d.isNegative() ? Duration.ZERO : d;
  }
}
