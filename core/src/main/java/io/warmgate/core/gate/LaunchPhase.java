package io.warmgate.core.gate;

import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.LaunchOrigins;
import java.util.Optional;

/**
 * The phase a run gates, decided in one place for the gate and {@code warmgate check}. An action that
 * names its origin (an event) keeps its phase. Otherwise the lifecycle state decides: {@code
 * Warmed:Pending:Wait} enters the pool; {@code Pending:Wait} is a warm start when Auto Scaling's own
 * records ({@link LaunchOrigins}) say the launch came from the warm pool, else a cold start (the first
 * boot's policy, the safe one when nothing says otherwise).
 */
final class LaunchPhase {

  private LaunchPhase() {}

  /**
   * @throws io.warmgate.core.port.GatePortException if the origin lookup fails; {@link #withoutOrigin} is then the fallback
   */
  static Phase of(LifecycleAction action, InstanceFacts facts, LaunchOrigins origins) {
    Phase phase = withoutOrigin(action, facts);
    if (phase != Phase.COLD_START || action.origin().isPresent()) {
      return phase;
    }
    Optional<Location> from = origins.launchedFrom(action.groupName(), action.instanceId());
    return from.orElse(Location.EC2) == Location.WARM_POOL ? Phase.LEAVING_WARM_POOL : Phase.COLD_START;
  }

  /** The phase from the action and the lifecycle state alone: a launch into the group is a cold start. */
  static Phase withoutOrigin(LifecycleAction action, InstanceFacts facts) {
    if (action.origin().isPresent()) {
      return action.phase();
    }
    return facts.lifecycleState().flatMap(Phase::fromLifecycleState).filter(Phase::isGated).orElse(action.phase());
  }
}
