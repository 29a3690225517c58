package io.warmgate.core.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the gate loop that is not readiness policy: how much time a port call needs, how often the
 * instance is looked up again, how port failures back off.
 *
 * @param callReserve the time a heartbeat or completion may take; the gate never starts one with less
 *     budget left, so it never leaves a call half-sent when the runner's time runs out
 * @param factsRefreshEvery how often the instance is looked up again while it is being gated
 * @param factsRefreshOnFailure how often at most it is looked up again while probes keep failing (the
 *     instance may be gone)
 * @param retryBackoffMin the first pause after a failed port call
 * @param retryBackoffMax the longest pause between retries (the pause doubles up to it)
 */
public record GateOptions(
    Duration callReserve,
    Duration factsRefreshEvery,
    Duration factsRefreshOnFailure,
    Duration retryBackoffMin,
    Duration retryBackoffMax) {

  /** 5 s call reserve, lookups every 5 min (every 2 min while failing), backoff 1 s doubling to 30 s. */
  public static final GateOptions DEFAULTS =
      new GateOptions(
          Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));

  public GateOptions {
    Objects.requireNonNull(callReserve, "callReserve");
    Objects.requireNonNull(factsRefreshEvery, "factsRefreshEvery");
    Objects.requireNonNull(factsRefreshOnFailure, "factsRefreshOnFailure");
    Objects.requireNonNull(retryBackoffMin, "retryBackoffMin");
    Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
    if (callReserve.isNegative()) {
      throw new IllegalArgumentException("callReserve must not be negative: " + callReserve);
    }
    positive(factsRefreshEvery, "factsRefreshEvery");
    positive(factsRefreshOnFailure, "factsRefreshOnFailure");
    positive(retryBackoffMin, "retryBackoffMin");
    positive(retryBackoffMax, "retryBackoffMax");
    if (retryBackoffMax.compareTo(retryBackoffMin) < 0) {
      throw new IllegalStateException("retryBackoffMax " + retryBackoffMax + " is below retryBackoffMin " + retryBackoffMin);
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** The pause before retry number {@code attempt} (1-based): {@code retryBackoffMin} doubling to {@code retryBackoffMax}. */
  public Duration backoff(int attempt) {
    return backoff(attempt, retryBackoffMax);
  }

  /**
   * The pause before retry number {@code attempt} (1-based): {@code retryBackoffMin} doubling to {@code
   * ceiling}, for a retry whose own period bounds it (a failed instance lookup is tried again no later
   * than {@code factsRefreshOnFailure}).
   *
   * @throws NullPointerException if {@code ceiling} is null
   */
  public Duration backoff(int attempt, Duration ceiling) {
    Objects.requireNonNull(ceiling, "ceiling");
    Duration d = retryBackoffMin;
    for (int i = 1; i < attempt && d.compareTo(ceiling) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(ceiling) > 0 ? ceiling : d;
  }
}
