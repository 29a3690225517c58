package io.warmgate.core.port;

import java.util.List;
import java.util.Objects;

/**
 * Lists the instances of a group (warm pool included) that a lifecycle hook holds in a wait state.
 *
 * <p>This is how a sweep finds actions whose events were lost. Blocking; thread-safe.
 */
public interface WaitingInstances {

  /** An instance held in a wait state, e.g. {@code Warmed:Pending:Wait} or {@code Pending:Wait}. */
  record WaitingInstance(String groupName, String instanceId, String lifecycleState) {
    public WaitingInstance {
      Objects.requireNonNull(groupName, "groupName");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(lifecycleState, "lifecycleState");
    }
  }

  /**
   * Lists waiting instances of one group.
   *
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  List<WaitingInstance> list(String groupName);
}
