package io.warmgate.core.port;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;

/**
 * Sends heartbeats and completions for lifecycle actions, by token when the action has one, else by
 * instance id.
 *
 * <p>Blocking; thread-safe. "No active Lifecycle Action found" is an expected answer ({@link
 * Outcome#NOT_ACTIVE}), not an exception.
 */
public interface LifecycleActions {

  /** What Auto Scaling answered. */
  enum Outcome {
    /** The call took effect. */
    ACCEPTED,
    /** The action is no longer active: completed by someone else, timed out, or never existed. */
    NOT_ACTIVE
  }

  /**
   * Extends the action's wait by the hook's heartbeat timeout (capped by the global timeout).
   *
   * @throws GatePortException if the call failed after the adapter's own retries
   */
  Outcome recordHeartbeat(LifecycleAction action);

  /**
   * Completes the action.
   *
   * @throws GatePortException if the call failed after the adapter's own retries
   */
  Outcome complete(LifecycleAction action, LifecycleResult result);
}
