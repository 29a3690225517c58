package io.warmgate.core.policy;

import io.warmgate.core.model.LifecycleResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gate decides that an instance in one phase is ready, and what it does when it never is.
 *
 * <p>Build one with {@link #builder()} or vary one with {@link #toBuilder()}; most come from {@link
 * PolicyResolver}.
 *
 * @param probes the probes of every round; all must pass (AND)
 * @param interval time between the starts of two probe rounds
 * @param confirmInterval time between the starts of two rounds once a round has passed and the streak
 *     is not yet complete; the shorter of this and {@code interval} applies. A short one confirms a
 *     healthy instance in seconds without probing a booting one more often.
 * @param probeTimeout the longest a probe may take before it counts as failed
 * @param consecutiveSuccesses rounds in a row that must pass before the instance counts as ready
 * @param deadline how long after the instance's LaunchTime to give up; empty for no deadline (only the
 *     naive "usual fix" preset works that way)
 * @param resultAtDeadline what to complete the action with at the deadline
 * @param settleDelay the least time between the first pass of the streak and completing (Windows
 *     EC2Launch needs a moment to save its state before a stop)
 * @param shadowMode decide and report, but never heartbeat or complete
 * @param heartbeats whether to send heartbeats to keep the hook from timing out
 * @param heartbeatMargin how long before the hook would expire a heartbeat must be sent
 */
public record ReadinessPolicy(
    List<ProbeSpec> probes,
    Duration interval,
    Duration confirmInterval,
    Duration probeTimeout,
    int consecutiveSuccesses,
    Optional<Duration> deadline,
    LifecycleResult resultAtDeadline,
    Duration settleDelay,
    boolean shadowMode,
    boolean heartbeats,
    Duration heartbeatMargin) {

  /** Default interval between probe rounds: 15 s. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
  /** Default interval between the rounds that confirm a first pass: 1 s. */
  public static final Duration DEFAULT_CONFIRM_INTERVAL = Duration.ofSeconds(1);
  /** Default probe timeout: 5 s. */
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);
  /** Default consecutive passes: 3. */
  public static final int DEFAULT_CONSECUTIVE_SUCCESSES = 3;
  /** Default deadline after LaunchTime: 30 min. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);
  /** Default heartbeat margin: 60 s. */
  public static final Duration DEFAULT_HEARTBEAT_MARGIN = Duration.ofSeconds(60);
  /** Most consecutive passes a policy may require. */
  public static final int MAX_CONSECUTIVE_SUCCESSES = 100;

  public ReadinessPolicy {
    Objects.requireNonNull(probes, "probes");
    probes = List.copyOf(probes);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(confirmInterval, "confirmInterval");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(resultAtDeadline, "resultAtDeadline");
    Objects.requireNonNull(settleDelay, "settleDelay");
    Objects.requireNonNull(heartbeatMargin, "heartbeatMargin");
    if (probes.isEmpty()) {
      throw new IllegalArgumentException("probes must not be empty");
    }
    requirePositive(interval, "interval");
    requirePositive(confirmInterval, "confirmInterval");
    requirePositive(probeTimeout, "probeTimeout");
    if (consecutiveSuccesses < 1 || consecutiveSuccesses > MAX_CONSECUTIVE_SUCCESSES) {
      throw new IllegalArgumentException(
          "consecutiveSuccesses must be within 1.." + MAX_CONSECUTIVE_SUCCESSES + ", got " + consecutiveSuccesses);
    }
    deadline.ifPresent(d -> requirePositive(d, "deadline"));
    requireNotNegative(settleDelay, "settleDelay");
    requireNotNegative(heartbeatMargin, "heartbeatMargin");
  }

  /** The time from the start of a round to the start of the next one, given the passes in a row so far. */
  public Duration intervalAfter(int consecutivePasses) {
    if (consecutivePasses > 0 && consecutivePasses < consecutiveSuccesses && confirmInterval.compareTo(interval) < 0) {
      return confirmInterval;
    }
    return interval;
  }

  /** A builder starting from warmgate's defaults for a cold start (HTTP GET / on port 80, 15 s, 3 passes, 30 min). */
  public static ReadinessPolicyBuilder builder() {
    return new ReadinessPolicyBuilder();
  }

  /** A builder holding this policy's values. */
  public ReadinessPolicyBuilder toBuilder() {
    return new ReadinessPolicyBuilder(this);
  }

  static Duration requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }

  static Duration requireNotNegative(Duration d, String name) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }
}
