package io.warmgate.core.gate;

import static io.warmgate.core.model.Durations.human;

import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.ReadinessPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The least time budget one run needs to take an instance that is healthy when the run starts to its
 * CONTINUE.
 *
 * <p>A run's streak lives in that run only: a run that hands over takes its passes with it, and the next
 * runner (the next sweep, another execution environment) starts a streak of its own. So a runner whose
 * every run is shorter than this never continues a healthy instance: each run restarts the settle delay
 * and hands over before it ends, and the deadline abandons the instance. The budget is: the run's look-ups
 * before its first round (one call reserve), the streak's span (the settle delay, or the confirming rounds
 * if they take longer), then the last round (a probe timeout) and the completion (a call reserve), which
 * the gate never starts without that much budget left.
 */
public final class RunBudget {

  private static final List<Phase> GATED = List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START);

  private RunBudget() {}

  /** The least budget for {@code policy}: look-ups, streak, last round and completion. */
  public static Duration least(ReadinessPolicy policy, GateOptions options) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(options, "options");
    return least(policy.settleDelay(), policy.consecutiveSuccesses(), policy.intervalAfter(1), policy.probeTimeout(),
        options.callReserve());
  }

  /**
   * The least budget from the policy's parts (for callers that hold no {@link ReadinessPolicy}, such as
   * the CDK construct).
   *
   * @param settle the settle delay, counted from the streak's first pass
   * @param consecutive the passes in a row needed
   * @param confirmCadence the time between the rounds of a streak under way
   * @param probeTimeout the longest a round takes
   * @param callReserve the time a port call may take
   */
  public static Duration least(Duration settle, int consecutive, Duration confirmCadence, Duration probeTimeout,
      Duration callReserve) {
    Duration confirming = confirmCadence.multipliedBy(Math.max(0, consecutive - 1));
    Duration streak = settle.compareTo(confirming) >= 0 ? settle : confirming;
    return callReserve.plus(streak).plus(probeTimeout).plus(callReserve);
  }

  /** The least budget of the phase that needs the most. */
  public static Duration longest(PhasePolicies policies, GateOptions options) {
    Duration most = Duration.ZERO;
    for (Phase phase : GATED) {
      Duration least = least(policies.forPhase(phase), options);
      most = least.compareTo(most) > 0 ? least : most;
    }
    return most;
  }

  /**
   * One line per phase whose least budget is longer than {@code budget}, naming the numbers; empty when
   * every phase fits.
   */
  public static List<String> shortfalls(PhasePolicies policies, GateOptions options, Duration budget) {
    List<String> out = new ArrayList<>();
    for (Phase phase : GATED) {
      ReadinessPolicy p = policies.forPhase(phase);
      Duration least = least(p, options);
      if (least.compareTo(budget) > 0) {
        out.add(phase + " needs a run budget of " + human(least) + " (settle " + human(p.settleDelay()) + ", "
            + p.consecutiveSuccesses() + " passes " + human(p.intervalAfter(1)) + " apart, probe timeout "
            + human(p.probeTimeout()) + ", 2 x call reserve " + human(options.callReserve()) + ") but gets "
            + human(budget));
      }
    }
    return out;
  }
}
