package io.warmgate.core.doctor;

import io.warmgate.core.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The rules about the instances themselves: held too long, unhealthy in the pool, never gated. */
final class InstanceRules {

  /**
   * A launch into the pool that nothing held ends once the instance has started and been stopped again, which takes
   * about a minute on EC2; a launch a hook held for a first boot takes longer than this. Inferred, not documented.
   */
  static final Duration UNHELD_LAUNCH = Duration.ofSeconds(90);

  private InstanceRules() {}

  /**
   * {@code instances-waiting-too-long}: instances held on a launch for longer than the hook's heartbeat timeout,
   * which only heartbeats allow: something keeps them waiting without deciding.
   */
  static List<Finding> instancesWaitingTooLong(GroupSnapshot g) {
    Optional<Duration> timeout = g.launchingHooks().stream().map(h -> h.hook().heartbeatTimeout())
        .max(Comparator.naturalOrder());
    if (timeout.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (GroupInstance i : g.instances()) {
      if (!i.waitingOnLaunch()) {
        continue;
      }
      Optional<Instant> since = g.latestLaunchOf(i.instanceId()).map(ScalingActivity::start).or(i::launchTime);
      if (since.isEmpty()) {
        continue;
      }
      Duration waited = Duration.between(since.get(), g.readAt());
      if (waited.compareTo(timeout.get()) > 0) {
        lines.add(i.instanceId() + " in " + i.lifecycleState() + " for " + Durations.humanRounded(waited));
      }
    }
    if (lines.isEmpty()) {
      return List.of();
    }
    return List.of(new Finding("instances-waiting-too-long", Severity.WARNING,
        lines.size() + " instance(s) held on launch for longer than the heartbeat timeout of "
            + Durations.humanRounded(timeout.get()),
        String.join("; ", lines) + ". Only heartbeats keep an action alive past the timeout: something heartbeats"
            + " without deciding, and the instances hold capacity until the global timeout.",
        "See what the gate would decide: warmgate check --group " + g.group() + " --instance ID; give the gate a"
            + " deadline (WARMGATE_DEADLINE, or the hook's NotificationMetadata {\"warmgate\":{\"deadline\":\"30m\"}})."));
  }

  /** {@code unhealthy-warm-pool-instances}: the pool holds instances Auto Scaling found unhealthy. */
  static List<Finding> unhealthyWarmPoolInstances(GroupSnapshot g) {
    List<String> ids = g.instances().stream().filter(GroupInstance::inWarmPool).filter(i -> !i.healthy())
        .map(GroupInstance::instanceId).toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    return List.of(new Finding("unhealthy-warm-pool-instances", Severity.WARNING,
        ids.size() + " unhealthy instance(s) in the warm pool",
        "Unhealthy: " + String.join(", ", ids) + ". A warm start from the pool hands these out first and they are"
            + " replaced only after failing in service.",
        "aws autoscaling terminate-instance-in-auto-scaling-group --no-should-decrement-desired-capacity"
            + " --instance-id ID (the pool refills); then find why they broke, often a stop during first boot."));
  }

  /**
   * {@code instances-never-gated}: warm-pool instances whose launch into the pool was over too fast for a hook to
   * have held it, from before the first launch a hook did hold. Only said when the history shows both kinds.
   */
  static List<Finding> instancesNeverGated(GroupSnapshot g) {
    if (g.launchingHooks().isEmpty()) {
      // With no hook at all every instance is ungated; warm-pool-without-launching-hook says so.
      return List.of();
    }
    Instant now = g.readAt();
    List<ScalingActivity> poolLaunches = g.activities().stream()
        .filter(a -> a.kind() == ScalingActivity.Kind.LAUNCH_INTO_WARM_POOL).toList();
    Optional<Instant> firstHeld = poolLaunches.stream()
        .filter(a -> a.duration(now).compareTo(UNHELD_LAUNCH) >= 0)
        .map(ScalingActivity::start).min(Comparator.naturalOrder());
    if (firstHeld.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (GroupInstance i : g.instances()) {
      if (!i.inWarmPool()) {
        continue;
      }
      poolLaunches.stream().filter(a -> a.instanceId().filter(i.instanceId()::equals).isPresent())
          .filter(a -> a.end().isPresent() && a.duration(now).compareTo(UNHELD_LAUNCH) < 0)
          .filter(a -> a.start().isBefore(firstHeld.get()))
          .findFirst().ifPresent(a -> ids.add(i.instanceId()));
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    return List.of(new Finding("instances-never-gated", Severity.WARNING,
        ids.size() + " warm-pool instance(s) entered the pool before the launching hook held launches",
        "Never gated: " + String.join(", ", ids) + ". Their launch into the pool ended in under "
            + Durations.humanRounded(UNHELD_LAUNCH) + ", before the first launch a hook held (" + firstHeld.get()
            + "): they were stopped without waiting for their first boot, and may not boot again.",
        "Replace them so the new ones pass the hook: aws autoscaling terminate-instance-in-auto-scaling-group"
            + " --no-should-decrement-desired-capacity --instance-id ID, for each."));
  }
}
