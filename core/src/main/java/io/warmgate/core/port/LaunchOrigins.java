package io.warmgate.core.port;

import io.warmgate.core.model.Location;
import java.util.Optional;

/**
 * Tells where an instance's latest launch into its group came from, as Auto Scaling itself records it
 * (its scaling activities): from the warm pool, or a new instance from EC2. {@code Pending:Wait} looks the
 * same for both, so this is how a run that no event started (a sweep resuming a handed-over warm start)
 * still gets the leaving-the-pool policy. What an event claims is never the answer.
 *
 * <p>Blocking; called from the gate's worker threads. Thread-safe.
 */
public interface LaunchOrigins {

  /** Knows nothing: every launch into the group is then taken for a cold start. */
  LaunchOrigins UNKNOWN = (groupName, instanceId) -> Optional.empty();

  /**
   * Where the instance's latest launch into {@code groupName} came from.
   *
   * @return {@link Location#WARM_POOL} or {@link Location#EC2}; empty when Auto Scaling's records do not say
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  Optional<Location> launchedFrom(String groupName, String instanceId);
}
