package io.warmgate.core.doctor;

import io.warmgate.core.model.LifecycleTransition;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code warmgate doctor} read about one Auto Scaling group, at one moment. The rules are pure
 * functions of it, so they are tested without AWS.
 *
 * @param group the group's name
 * @param readAt when it was read (the clock of the endpoint's caller); waiting times count up to it
 * @param minSize the group's MinSize
 * @param maxSize the group's MaxSize
 * @param desiredCapacity the group's DesiredCapacity
 * @param tags the group's tags
 * @param instances the group's instances and its warm pool's
 * @param warmPool the warm pool, if the group has one
 * @param hooks the group's lifecycle hooks
 * @param activities recent scaling activities, newest first as Auto Scaling lists them
 * @param routes the EventBridge rules, or why they were not read
 * @param managedBy how a warmgate daemon finds the group, e.g. {@code tag warmgate:managed=true}, if it does
 */
public record GroupSnapshot(String group, Instant readAt, int minSize, int maxSize, int desiredCapacity,
    Map<String, String> tags, List<GroupInstance> instances, Optional<WarmPoolFacts> warmPool,
    List<HookFacts> hooks, List<ScalingActivity> activities, EventRoutes routes, Optional<String> managedBy) {

  public GroupSnapshot {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(readAt, "readAt");
    tags = Map.copyOf(tags);
    instances = List.copyOf(instances);
    Objects.requireNonNull(warmPool, "warmPool");
    hooks = List.copyOf(hooks);
    activities = List.copyOf(activities);
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(managedBy, "managedBy");
  }

  /** The hooks on {@code autoscaling:EC2_INSTANCE_LAUNCHING}. */
  public List<HookFacts> launchingHooks() {
    return hooks.stream().filter(h -> h.hook().transition() == LifecycleTransition.LAUNCHING)
        .toList();
  }

  /** The hooks on {@code autoscaling:EC2_INSTANCE_TERMINATING}. */
  public List<HookFacts> terminatingHooks() {
    return hooks.stream().filter(h -> h.hook().transition() == LifecycleTransition.TERMINATING)
        .toList();
  }

  /** The newest launch activity of an instance, if the history still has one. */
  public Optional<ScalingActivity> latestLaunchOf(String instanceId) {
    return activities.stream().filter(ScalingActivity::isLaunch)
        .filter(a -> a.instanceId().filter(instanceId::equals).isPresent())
        .max(Comparator.comparing(ScalingActivity::start));
  }
}
