package io.warmgate.core.gate;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a group's hooks the gate gates, decided in one place for the sweeper and {@code warmgate
 * check}: the group's launching hook if it has exactly one; with several, those whose
 * NotificationMetadata mentions {@code warmgate} (the others belong to someone else). Terminating hooks
 * never.
 *
 * @param gated the hooks to gate, in the group's order
 * @param problem why nothing (or not everything launching) is gated, for the sweep report
 */
public record HookChoice(List<LifecycleHook> gated, Optional<String> problem) {

  public HookChoice {
    gated = List.copyOf(Objects.requireNonNull(gated, "gated"));
    Objects.requireNonNull(problem, "problem");
  }

  /** Chooses among {@code hooks}, the hooks of {@code group}. */
  public static HookChoice of(String group, List<LifecycleHook> hooks) {
    Objects.requireNonNull(group, "group");
    List<LifecycleHook> launching = new ArrayList<>();
    for (LifecycleHook h : hooks) {
      if (h.transition() == LifecycleTransition.LAUNCHING) {
        launching.add(h);
      }
    }
    if (launching.isEmpty()) {
      return new HookChoice(List.of(), Optional.of("group " + group + " has no launching hook"));
    }
    if (launching.size() == 1) {
      return new HookChoice(launching, Optional.empty());
    }
    List<LifecycleHook> marked = launching.stream().filter(HookChoice::mentionsWarmgate).toList();
    return new HookChoice(
        marked,
        marked.isEmpty()
            ? Optional.of("group " + group + " has " + launching.size()
                + " launching hooks and none mentions warmgate in its NotificationMetadata; skipped")
            : Optional.empty());
  }

  /** Whether the gate gates the hook named {@code hookName}. */
  public boolean gates(String hookName) {
    return gated.stream().anyMatch(h -> h.hookName().equals(hookName));
  }

  /**
   * The action a sweep finds for an instance waiting in {@code lifecycleState} on {@code hook}: entering
   * the warm pool from EC2 for {@code Warmed:Pending:Wait}, else a launch into the group with no origin,
   * which the gate learns from Auto Scaling ({@link LaunchPhase}).
   */
  static LifecycleAction discovered(String group, String hook, String instanceId, Phase phase) {
    return phase == Phase.ENTERING_WARM_POOL
        ? LifecycleAction.discovered(group, hook, instanceId, Optional.of(Location.EC2), Optional.of(Location.WARM_POOL))
        : LifecycleAction.discovered(group, hook, instanceId, Optional.empty(), Optional.of(Location.AUTO_SCALING_GROUP));
  }

  private static boolean mentionsWarmgate(LifecycleHook h) {
    return h.notificationMetadata().map(m -> m.contains("warmgate")).orElse(false);
  }
}
