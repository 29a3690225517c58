package io.warmgate.core.doctor;

import java.util.List;

/** The rules about the warm pool's sizing and reuse. */
final class PoolRules {

  private PoolRules() {}

  /** {@code reuse-on-scale-in-without-terminating-gate}: instances go back to the pool with nothing to hold them. */
  static List<Finding> reuseOnScaleInWithoutTerminatingGate(GroupSnapshot g) {
    if (g.warmPool().isEmpty() || !g.warmPool().get().reuseOnScaleIn() || !g.terminatingHooks().isEmpty()) {
      return List.of();
    }
    return List.of(new Finding("reuse-on-scale-in-without-terminating-gate", Severity.WARNING,
        "ReuseOnScaleIn is on and there is no terminating lifecycle hook",
        "On scale-in, instances go back to the warm pool through the terminating transition; with no hook there,"
            + " Auto Scaling stops them at once, mid-request or mid-update, and the next warm start gets whatever"
            + " state the stop left.",
        "aws autoscaling put-lifecycle-hook --auto-scaling-group-name " + g.group()
            + " --lifecycle-hook-name drain --lifecycle-transition autoscaling:EC2_INSTANCE_TERMINATING"
            + " --heartbeat-timeout 300 --default-result CONTINUE, answered by your drain step; or turn reuse off:"
            + " aws autoscaling put-warm-pool --auto-scaling-group-name " + g.group()
            + " --instance-reuse-policy ReuseOnScaleIn=false"));
  }

  /** {@code pool-empty-at-current-capacity}: the sizing leaves no instance in the pool right now. */
  static List<Finding> poolEmptyAtCurrentCapacity(GroupSnapshot g) {
    if (g.warmPool().isEmpty()) {
      return List.of();
    }
    WarmPoolFacts pool = g.warmPool().get();
    if (pool.targetSize(g.maxSize(), g.desiredCapacity()) > 0) {
      return List.of();
    }
    String prepared = pool.maxGroupPreparedCapacity().filter(c -> c >= 0)
        .map(c -> "MaxGroupPreparedCapacity " + c).orElse("MaxSize " + g.maxSize());
    return List.of(new Finding("pool-empty-at-current-capacity", Severity.WARNING,
        "the warm pool is sized to 0 instances at desired capacity " + g.desiredCapacity(),
        "Pool size = max(MinSize " + pool.minSize() + ", " + prepared + " - desired " + g.desiredCapacity()
            + ") = 0: the next scale-out launches cold, with the whole first boot on the critical path.",
        "aws autoscaling put-warm-pool --auto-scaling-group-name " + g.group() + " --min-size 1 (or raise"
            + " --max-group-prepared-capacity, or the group's MaxSize, above the desired capacity)"));
  }
}
