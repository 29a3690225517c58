package io.warmgate.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One lifecycle action: an instance held by a hook, waiting for someone to complete it.
 *
 * <p>It arrives as an EventBridge event, an SQS/SNS notification, or from a sweep that lists waiting
 * instances; a sweep knows no token, so the action is then completed by instance id.
 *
 * @param groupName the Auto Scaling group
 * @param hookName the lifecycle hook holding the instance
 * @param token the lifecycle action token, if the source carried one
 * @param instanceId the EC2 instance id
 * @param transition launching or terminating
 * @param origin where the instance comes from, if known
 * @param destination where the instance goes, if known
 *
 * <p>Deliberately absent: the event's NotificationMetadata and its time. Anyone who can send the gate an
 * event can write them, so the policy comes only from the runner's environment and the hook as
 * DescribeLifecycleHooks returns it, and time only from the gate's clock and the instance's LaunchTime.
 */
public record LifecycleAction(
    String groupName,
    String hookName,
    Optional<String> token,
    String instanceId,
    LifecycleTransition transition,
    Optional<Location> origin,
    Optional<Location> destination) {

  public LifecycleAction {
    requireText(groupName, "groupName");
    requireText(hookName, "hookName");
    Objects.requireNonNull(token, "token");
    requireText(instanceId, "instanceId");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(destination, "destination");
    token = token.filter(t -> !t.isBlank());
  }

  /** A launching action known only by instance id, as a sweep finds it. */
  public static LifecycleAction discovered(
      String groupName, String hookName, String instanceId, Optional<Location> origin, Optional<Location> destination) {
    return new LifecycleAction(
        groupName,
        hookName,
        Optional.empty(),
        instanceId,
        LifecycleTransition.LAUNCHING,
        origin,
        destination);
  }

  /** The same action known by instance id only: what is left once Auto Scaling has refused its token. */
  public LifecycleAction withoutToken() {
    return new LifecycleAction(groupName, hookName, Optional.empty(), instanceId, transition, origin, destination);
  }

  /** The phase this action puts the instance in. */
  public Phase phase() {
    return Phase.of(transition, origin, destination);
  }

  /** A stable key for de-duplicating the same wait reported twice (events are at-least-once). */
  public String key() {
    return groupName + "/" + hookName + "/" + instanceId;
  }

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
