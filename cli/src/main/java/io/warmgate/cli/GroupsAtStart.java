package io.warmgate.cli;

import io.warmgate.core.gate.HookChoice;
import io.warmgate.core.port.LifecycleHooks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * What {@code warmgate run} checks once, before it starts, about the groups named with {@code --group}: that each
 * exists (else it would sweep a name forever and gate nothing), and which of them have no launching hook the gate
 * could gate (said once at start, in {@link HookChoice}'s words, rather than only in every sweep's report).
 */
final class GroupsAtStart {

  // DescribeAutoScalingGroups: "By default, you can only specify up to 50 names"
  // (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeAutoScalingGroups.html).
  static final int NAMES_PER_CALL = 50;

  private GroupsAtStart() {}

  /**
   * The names among {@code names} that Auto Scaling does not know, in the order given.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException if a call fails after the SDK's retries
   */
  static List<String> missing(AutoScalingClient autoScaling, List<String> names) {
    Objects.requireNonNull(autoScaling, "autoScaling");
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
    Set<String> found = new LinkedHashSet<>();
    for (int from = 0; from < distinct.size(); from += NAMES_PER_CALL) {
      List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + NAMES_PER_CALL));
      for (AutoScalingGroup g : autoScaling.describeAutoScalingGroupsPaginator(r -> r.autoScalingGroupNames(batch))
          .autoScalingGroups()) {
        found.add(g.autoScalingGroupName());
      }
    }
    distinct.removeAll(found);
    return distinct;
  }

  /**
   * Why nothing (or not every launching hook) would be gated in each of {@code names}, one sentence per group that
   * has such a problem; empty when every group has a hook to gate.
   *
   * @throws io.warmgate.core.port.GatePortException if a lookup fails
   */
  static List<String> hookProblems(LifecycleHooks hooks, List<String> names) {
    List<String> problems = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      Optional<String> problem = HookChoice.of(name, hooks.list(name)).problem();
      problem.ifPresent(p -> problems.add(p + ": nothing in it is gated until one is added (`warmgate doctor --group "
          + name + "` shows the fix); the sweeps keep looking"));
    }
    return problems;
  }
}
