package io.warmgate.cli.demo;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one story ended with: the numbers a user of the group would see.
 *
 * @param kind which story
 * @param target InService and healthy instances wanted after the scale-out
 * @param healthyInService InService and healthy instances at the end
 * @param scaleOutTime simulated time from the scale-out until {@code target} instances were InService and
 *     healthy; empty if that never happened before the scale-out timeout
 * @param servedFromPool instances that went InService after the scale-out straight from the warm pool
 * @param corrupted instances broken by a stop during their first-boot setup
 * @param abandoned lifecycle actions completed with ABANDON (Auto Scaling replaced those instances)
 * @param replacedUnhealthy InService instances that failed Auto Scaling's health check and were replaced
 * @param hookTimeouts lifecycle actions that ran out of time and took the hook's default result
 * @param lifecycleCalls lifecycle API calls the gate made (heartbeats and completions)
 * @param launched instances launched in all
 * @param poolFilledAfter simulated time the pool took to fill (empty if it never filled)
 */
public record StoryResult(
    StoryKind kind,
    int target,
    int healthyInService,
    Optional<Duration> scaleOutTime,
    int servedFromPool,
    int corrupted,
    int abandoned,
    int replacedUnhealthy,
    int hookTimeouts,
    int lifecycleCalls,
    int launched,
    Optional<Duration> poolFilledAfter) {

  public StoryResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(scaleOutTime, "scaleOutTime");
    Objects.requireNonNull(poolFilledAfter, "poolFilledAfter");
  }

  /** Whether the scale-out was served: the target reached InService and healthy in time. */
  public boolean scaledOut() {
    return scaleOutTime.isPresent();
  }
}
