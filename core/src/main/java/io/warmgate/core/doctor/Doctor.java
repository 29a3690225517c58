package io.warmgate.core.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs every rule over a group's snapshot and returns its findings, worst first. Stateless and thread-safe.
 *
 * <pre>{@code
 * GroupReport report = Doctor.standard().examine(snapshot);
 * }</pre>
 */
public final class Doctor {

  private final List<DoctorRule> rules;

  /** A doctor with the given rules, run in this order. */
  public Doctor(List<DoctorRule> rules) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  /** The doctor with every rule documented in docs/cli.md. */
  public static Doctor standard() {
    return new Doctor(List.of(
        HookRules::warmPoolWithoutLaunchingHook,
        HookRules::launchingHookContinuesOnTimeout,
        HookRules::heartbeatTimeoutShorterThanBoot,
        InstanceRules::instancesWaitingTooLong,
        InstanceRules::unhealthyWarmPoolInstances,
        InstanceRules::instancesNeverGated,
        RouteRules::noEventRoute,
        PoolRules::reuseOnScaleInWithoutTerminatingGate,
        PoolRules::poolEmptyAtCurrentCapacity));
  }

  /** Examines one group; the findings come worst first, in rule order within a severity. */
  public GroupReport examine(GroupSnapshot group) {
    List<Finding> findings = new ArrayList<>();
    for (DoctorRule rule : rules) {
      findings.addAll(rule.check(group));
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new GroupReport(group.group(), findings);
  }
}
