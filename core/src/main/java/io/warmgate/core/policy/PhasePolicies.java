package io.warmgate.core.policy;

import io.warmgate.core.model.Phase;
import java.util.Map;
import java.util.Objects;

/**
 * One readiness policy per gated phase.
 *
 * @param enteringWarmPool for a new instance launching into the warm pool
 * @param leavingWarmPool for a warm-pool instance started for the group
 * @param coldStart for a new instance launching straight into the group
 */
public record PhasePolicies(ReadinessPolicy enteringWarmPool, ReadinessPolicy leavingWarmPool, ReadinessPolicy coldStart) {

  public PhasePolicies {
    Objects.requireNonNull(enteringWarmPool, "enteringWarmPool");
    Objects.requireNonNull(leavingWarmPool, "leavingWarmPool");
    Objects.requireNonNull(coldStart, "coldStart");
  }

  /** The same policy for every phase. */
  public static PhasePolicies all(ReadinessPolicy policy) {
    return new PhasePolicies(policy, policy, policy);
  }

  /**
   * The policy for {@code phase}.
   *
   * @throws IllegalArgumentException for {@link Phase#TERMINATING}, which the gate does not decide
   */
  public ReadinessPolicy forPhase(Phase phase) {
    Objects.requireNonNull(phase, "phase");
    return switch (phase) {
      case ENTERING_WARM_POOL -> enteringWarmPool;
      case LEAVING_WARM_POOL -> leavingWarmPool;
      case COLD_START -> coldStart;
      case TERMINATING -> throw new IllegalArgumentException("terminating actions have no readiness policy");
    };
  }

  /** These policies with {@code phase}'s replaced. */
  public PhasePolicies with(Phase phase, ReadinessPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return switch (Objects.requireNonNull(phase, "phase")) {
      case ENTERING_WARM_POOL -> new PhasePolicies(policy, leavingWarmPool, coldStart);
      case LEAVING_WARM_POOL -> new PhasePolicies(enteringWarmPool, policy, coldStart);
      case COLD_START -> new PhasePolicies(enteringWarmPool, leavingWarmPool, policy);
      case TERMINATING -> throw new IllegalArgumentException("terminating actions have no readiness policy");
    };
  }

  /**
   * These policies as settings, in the form the configuration reads: a plain key where every phase
   * agrees, {@code phases.<phase>.<key>} where they differ. For printing the effective configuration;
   * resolving the result again gives equal policies.
   */
  public Map<String, String> toSettings() {
    return PolicySettings.of(this);
  }
}
