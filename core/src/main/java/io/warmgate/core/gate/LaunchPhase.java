package io.warmgate.core.gate;

import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.LaunchOrigins;
import java.util.Optional;

/**
 * The phase a run gates, decided in one place for the gate and {@code warmgate check}. Entering the pool
 * or not is the lifecycle state's to say ({@code Warmed:Pending:Wait}; {@link Decider#verify} stops an
 * event that claims otherwise). A launch into the group is a warm start or a cold start as Auto Scaling's
 * own records say ({@link LaunchOrigins}), whatever an event's {@code Origin} claims: anyone who can send
 * an event can write it, and a forged one would pick the other phase's deadline and cadence. Only when
 * the records do not say does the event's claim stand; with no event, a cold start (the first boot's
 * policy, the safe one when nothing says otherwise).
 */
final class LaunchPhase {

  private LaunchPhase() {}

  /**
   * @throws io.warmgate.core.port.GatePortException if the origin lookup fails; {@link #withoutOrigin} is then the fallback
   */
  static Phase of(LifecycleAction action, InstanceFacts facts, LaunchOrigins origins) {
    Phase phase = withoutOrigin(action, facts);
    if (phase != Phase.COLD_START && phase != Phase.LEAVING_WARM_POOL) {
      return phase;
    }
    Optional<Location> from = origins.launchedFrom(action.groupName(), action.instanceId());
    if (from.isEmpty()) {
      return phase;
    }
    return from.get() == Location.WARM_POOL ? Phase.LEAVING_WARM_POOL : Phase.COLD_START;
  }

  /** The phase from the action and the lifecycle state alone: a launch into the group is a cold start. */
  static Phase withoutOrigin(LifecycleAction action, InstanceFacts facts) {
    if (action.origin().isPresent()) {
      return action.phase();
    }
    return facts.lifecycleState().flatMap(Phase::fromLifecycleState).filter(Phase::isGated).orElse(action.phase());
  }
}
