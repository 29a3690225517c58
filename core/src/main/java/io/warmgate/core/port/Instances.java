package io.warmgate.core.port;

import io.warmgate.core.model.InstanceFacts;
import java.util.Optional;

/**
 * Looks up what Auto Scaling and EC2 know of an instance (membership, wait state, IP, LaunchTime).
 *
 * <p>Blocking; called from the gate's worker threads, never from a scheduler thread. Thread-safe.
 */
public interface Instances {

  /**
   * Describes one instance.
   *
   * @return empty if EC2 does not know the instance (never launched, or terminated long ago)
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  Optional<InstanceFacts> describe(String instanceId);
}
