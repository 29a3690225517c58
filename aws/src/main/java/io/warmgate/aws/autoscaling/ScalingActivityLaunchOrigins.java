package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.model.Location;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LaunchOrigins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;

/**
 * Learns where an instance's latest launch into its group came from by reading the group's scaling
 * activities ({@code DescribeScalingActivities}, newest first), which Auto Scaling alone writes: {@code
 * Launching a new EC2 instance from warm pool: i-...} is a warm start, {@code Launching a new EC2
 * instance: i-...} a new instance. Activities of other kinds (into the pool, terminations) are skipped.
 *
 * <p>One read serves every instance it covers: origins found are kept per group for a time-to-live, so a
 * sweep that resumes many waiting instances of a group pays for a page or two, not a read each. An
 * instance not found is read for again (its activity may be newer than the last read), at most {@code
 * maxPages} pages of 100; past them the answer is empty. A miss within {@link #REREAD_SPACING} of the
 * group's last read is answered empty without reading: a scale-out of thousands pushes most launches past
 * the pages read, and every one of them re-reading in turn queued the whole scale-out behind the group's
 * lock (N = 3,000: 6.7 reads per warm start, p50 380 s to CONTINUE). Lookups of one group take turns.
 * Blocking; thread-safe.
 */
public final class ScalingActivityLaunchOrigins implements LaunchOrigins {

  /** How long an origin found stays known: far shorter than any instance takes to go round the pool again. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** How many pages of 100 activities one lookup reads at most: the group's latest 1000. */
  public static final int DEFAULT_MAX_PAGES = 10;
  /** The least time between two reads of one group for instances not found (at most the time-to-live). */
  public static final Duration REREAD_SPACING = Duration.ofSeconds(5);

  static final String FROM_WARM_POOL = "Launching a new EC2 instance from warm pool: ";
  static final String NEW_INSTANCE = "Launching a new EC2 instance: ";
  private static final int PAGE_SIZE = 100;

  private record Known(Location origin, Instant until) {}

  private final AutoScalingClient autoScaling;
  private final Clock clock;
  private final Duration ttl;
  private final int maxPages;
  private final ConcurrentMap<String, Map<String, Known>> known = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Instant> lastRead = new ConcurrentHashMap<>();
  private final Duration rereadSpacing;

  /**
   * @param autoScaling the client; not closed here
   * @param clock ages what is known
   * @param ttl how long an origin found stays known; zero to read every time
   * @param maxPages the most pages one lookup reads, at least 1
   */
  public ScalingActivityLaunchOrigins(AutoScalingClient autoScaling, Clock clock, Duration ttl, int maxPages) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
    }
    this.maxPages = maxPages;
    this.rereadSpacing = ttl.compareTo(REREAD_SPACING) < 0 ? ttl : REREAD_SPACING;
  }

  /** Keeps origins for {@link #DEFAULT_TTL} on {@code clock}, reads at most {@link #DEFAULT_MAX_PAGES}. */
  public ScalingActivityLaunchOrigins(AutoScalingClient autoScaling, Clock clock) {
    this(autoScaling, clock, DEFAULT_TTL, DEFAULT_MAX_PAGES);
  }

  @Override
  public Optional<Location> launchedFrom(String groupName, String instanceId) {
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(instanceId, "instanceId");
    Map<String, Known> group = known.computeIfAbsent(groupName, g -> new HashMap<>());
    // One read at a time per group: the lookups waiting behind it mostly find their instance in what it read.
    synchronized (group) {
      Instant now = clock.instant();
      group.values().removeIf(k -> !now.isBefore(k.until()));
      Known k = group.get(instanceId);
      Instant last = lastRead.get(groupName);
      if (k == null && (last == null || !now.isBefore(last.plus(rereadSpacing)))) {
        lastRead.put(groupName, now);
        read(groupName, instanceId, group, now.plus(ttl));
        k = group.get(instanceId);
      }
      return k == null ? Optional.empty() : Optional.of(k.origin());
    }
  }

  /** Reads activities newest first until the page holding the instance's latest launch into the group. */
  private void read(String groupName, String instanceId, Map<String, Known> group, Instant until) {
    Map<String, Location> found = new HashMap<>();
    String next = null;
    try {
      for (int page = 0; page < maxPages; page++) {
        String token = next;
        DescribeScalingActivitiesResponse response = autoScaling.describeScalingActivities(
            r -> r.autoScalingGroupName(groupName).maxRecords(PAGE_SIZE).nextToken(token));
        for (Activity a : response.activities()) {
          origin(a.description()).ifPresent(o -> found.putIfAbsent(o.instanceId(), o.origin()));
        }
        next = response.nextToken();
        if (found.containsKey(instanceId) || next == null || next.isEmpty()) {
          break;
        }
        if (next.equals(token)) {
          throw new GatePortException("DescribeScalingActivities for group " + groupName
              + " returned the same NextToken again; stopped paging", null, false);
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeScalingActivities for group " + groupName, e);
    }
    found.forEach((id, origin) -> group.put(id, new Known(origin, until)));
  }

  private record Launch(String instanceId, Location origin) {}

  /** The launch into the group an activity's description records, in Auto Scaling's fixed wording. */
  private static Optional<Launch> origin(String description) {
    if (description == null) {
      return Optional.empty();
    }
    if (description.startsWith(FROM_WARM_POOL)) {
      return Optional.of(new Launch(description.substring(FROM_WARM_POOL.length()).trim(), Location.WARM_POOL));
    }
    if (description.startsWith(NEW_INSTANCE)) {
      return Optional.of(new Launch(description.substring(NEW_INSTANCE.length()).trim(), Location.EC2));
    }
    return Optional.empty();
  }
}
