package io.warmgate.emulator.internal.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One statement of an identity-based policy.
 *
 * @param sid the statement id, or null
 * @param effect Allow or Deny
 * @param actions the action patterns ({@code service:Name} with wildcards)
 * @param notAction whether {@code actions} came from {@code NotAction}
 * @param resources the resource patterns (ARNs with wildcards)
 * @param notResource whether {@code resources} came from {@code NotResource}
 * @param conditions every test of the {@code Condition} block; all must hold
 */
public record PolicyStatement(String sid, Effect effect, List<String> actions, boolean notAction,
    List<String> resources, boolean notResource, List<PolicyCondition> conditions) {

  /** Copies the lists; action patterns are kept in lower case, as IAM compares them. */
  public PolicyStatement {
    Objects.requireNonNull(effect, "effect");
    actions = actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** True if this statement applies to the action (lower case) on the resource in the context. */
  boolean applies(String action, String resource, Map<String, String> context) {
    boolean actionListed = actions.stream().anyMatch(a -> Wildcards.matches(a, action));
    if (actionListed == notAction) {
      return false;
    }
    boolean resourceListed = resources.stream().anyMatch(r -> Wildcards.matches(r, resource));
    if (resourceListed == notResource) {
      return false;
    }
    return conditions.stream().allMatch(c -> c.holds(context));
  }
}
