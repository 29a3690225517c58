package io.warmgate.core.model;

import java.util.Optional;

/**
 * Which wait an instance is in, derived from a lifecycle action's transition, origin and destination.
 *
 * <p>Only launching phases are the gate's business; terminating actions are recognised so that they
 * can be ignored visibly rather than failed.
 */
public enum Phase {
  /** A new instance launching into the warm pool ({@code EC2 -> WarmPool}); it is stopped afterwards. */
  ENTERING_WARM_POOL,
  /** A warm-pool instance started for the group ({@code WarmPool -> AutoScalingGroup}). */
  LEAVING_WARM_POOL,
  /** A new instance launching straight into the group ({@code EC2 -> AutoScalingGroup}). */
  COLD_START,
  /** Any terminating transition: not the gate's to decide. */
  TERMINATING;

  /** True for the phases the gate decides. */
  public boolean isGated() {
    return this != TERMINATING;
  }

  /**
   * Derives the phase from what an event or notification says.
   *
   * <p>When origin or destination is absent (older notifications, sweeps), the launching wait is taken to
   * be a launch into the group; callers that know the Auto Scaling lifecycle state should prefer {@link
   * #fromLifecycleState(String)}.
   */
  public static Phase of(
      LifecycleTransition transition, Optional<Location> origin, Optional<Location> destination) {
    if (transition == LifecycleTransition.TERMINATING) {
      return TERMINATING;
    }
    if (destination.orElse(null) == Location.WARM_POOL) {
      return ENTERING_WARM_POOL;
    }
    if (origin.orElse(null) == Location.WARM_POOL) {
      return LEAVING_WARM_POOL;
    }
    return COLD_START;
  }

  /**
   * Derives the phase of a waiting instance from its Auto Scaling lifecycle state.
   *
   * <p>{@code Pending:Wait} cannot tell a warm start from a cold start; both are reported as {@link
   * #COLD_START}, and the gate asks Auto Scaling's scaling activities where the launch came from.
   *
   * @return empty if the state is not a wait state of a launching hook
   */
  public static Optional<Phase> fromLifecycleState(String lifecycleState) {
    if (lifecycleState == null) {
      return Optional.empty();
    }
    return switch (lifecycleState) {
      case "Warmed:Pending:Wait" -> Optional.of(ENTERING_WARM_POOL);
      case "Pending:Wait" -> Optional.of(COLD_START);
      case "Terminating:Wait", "Warmed:Terminating:Wait" -> Optional.of(TERMINATING);
      default -> Optional.empty();
    };
  }
}
