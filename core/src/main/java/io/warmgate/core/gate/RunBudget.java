package io.warmgate.core.gate;

import static io.warmgate.core.model.Durations.human;

import io.warmgate.core.model.Durations;
import io.warmgate.core.policy.ReadinessPolicy;
import java.time.Duration;
import java.util.Map;
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

  /**
   * The least budget for a policy given as the settings the gate reports it by ({@code
   * GateListener#policyResolved}: {@code settle}, {@code consecutive}, {@code interval}, {@code
   * confirmInterval}, {@code probeTimeout}).
   *
   * @throws IllegalArgumentException if one of those settings is missing or malformed
   */
  public static Duration least(Map<String, String> settings, GateOptions options) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(options, "options");
    int consecutive = Integer.parseInt(setting(settings, "consecutive"));
    Duration interval = Durations.parse(setting(settings, "interval"));
    Duration confirm = Durations.parse(setting(settings, "confirmInterval"));
    // As ReadinessPolicy.intervalAfter(1): the confirm cadence applies only when shorter than the interval.
    Duration cadence = consecutive > 1 && confirm.compareTo(interval) < 0 ? confirm : interval;
    return least(Durations.parse(setting(settings, "settle")), consecutive, cadence,
        Durations.parse(setting(settings, "probeTimeout")), options.callReserve());
  }

  /** How the budget is made up, for messages: {@code settle 30s, 3 passes 1s apart, ...}. */
  public static String parts(Map<String, String> settings, GateOptions options) {
    return "settle " + settings.get("settle") + ", " + settings.get("consecutive") + " passes "
        + settings.get("confirmInterval") + " apart, probe timeout " + settings.get("probeTimeout")
        + ", 2 x call reserve " + human(options.callReserve());
  }

  private static String setting(Map<String, String> settings, String key) {
    String v = settings.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no " + key + " in the policy's settings");
    }
    return v;
  }
}
