package io.warmgate.core.port;

import java.util.List;

/**
 * Names the Auto Scaling groups the gate manages: those named in configuration, plus those tagged
 * {@code warmgate:managed=true}.
 *
 * <p>Blocking; thread-safe.
 */
public interface ManagedGroups {

  /**
   * Lists managed group names, without duplicates: the configured ones first, then those found by
   * lookup.
   *
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  List<String> list();

  /**
   * The group names managed from configuration alone, without any lookup; what a sweep still gates
   * when {@link #list()} fails. Never throws; none by default.
   */
  default List<String> configured() {
    return List.of();
  }
}
