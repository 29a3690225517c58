package io.warmgate.core.port;

import io.warmgate.core.model.LifecycleHook;
import java.util.List;
import java.util.Optional;

/**
 * Reads lifecycle hook definitions. Adapters cache them per group and hook: hooks rarely change and the
 * gate asks on every action.
 *
 * <p>Blocking; thread-safe.
 */
public interface LifecycleHooks {

  /**
   * Finds one hook.
   *
   * @return empty if the group or the hook does not exist
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  Optional<LifecycleHook> find(String groupName, String hookName);

  /**
   * Lists every hook of a group.
   *
   * @return an empty list if the group has none or does not exist
   * @throws GatePortException if the lookup failed after the adapter's own retries
   */
  List<LifecycleHook> list(String groupName);
}
