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
   * Lists managed group names, without duplicates.
   *
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  List<String> list();
}
