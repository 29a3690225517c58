package io.warmgate.core.policy;

import io.warmgate.core.model.LifecycleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link ReadinessPolicy}; {@link #build()} takes a snapshot, so one builder can make variants.
 *
 * <p>Not thread-safe. Setters reject nulls at once; value checks happen in {@link #build()}.
 */
public final class ReadinessPolicyBuilder {

  private List<ProbeSpec> probes = new ArrayList<>(List.of(HttpProbeSpec.http(80, "/")));
  private Duration interval = ReadinessPolicy.DEFAULT_INTERVAL;
  private Duration confirmInterval = ReadinessPolicy.DEFAULT_CONFIRM_INTERVAL;
  private Duration probeTimeout = ReadinessPolicy.DEFAULT_PROBE_TIMEOUT;
  private int consecutiveSuccesses = ReadinessPolicy.DEFAULT_CONSECUTIVE_SUCCESSES;
  private Optional<Duration> deadline = Optional.of(ReadinessPolicy.DEFAULT_DEADLINE);
  private LifecycleResult resultAtDeadline = LifecycleResult.ABANDON;
  private Duration settleDelay = Duration.ZERO;
  private boolean shadowMode;
  private boolean heartbeats = true;
  private Duration heartbeatMargin = ReadinessPolicy.DEFAULT_HEARTBEAT_MARGIN;

  ReadinessPolicyBuilder() {}

  ReadinessPolicyBuilder(ReadinessPolicy p) {
    probes = new ArrayList<>(p.probes());
    interval = p.interval();
    confirmInterval = p.confirmInterval();
    probeTimeout = p.probeTimeout();
    consecutiveSuccesses = p.consecutiveSuccesses();
    deadline = p.deadline();
    resultAtDeadline = p.resultAtDeadline();
    settleDelay = p.settleDelay();
    shadowMode = p.shadowMode();
    heartbeats = p.heartbeats();
    heartbeatMargin = p.heartbeatMargin();
  }

  /** Replaces the probes. */
  public ReadinessPolicyBuilder probes(List<? extends ProbeSpec> probes) {
    this.probes = new ArrayList<>(Objects.requireNonNull(probes, "probes"));
    return this;
  }

  /** Replaces the probes. */
  public ReadinessPolicyBuilder probes(ProbeSpec... probes) {
    return probes(List.of(probes));
  }

  /** Sets the interval between probe rounds. */
  public ReadinessPolicyBuilder interval(Duration interval) {
    this.interval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** Sets the interval between the rounds that confirm a first pass until the streak is complete. */
  public ReadinessPolicyBuilder confirmInterval(Duration confirmInterval) {
    this.confirmInterval = Objects.requireNonNull(confirmInterval, "confirmInterval");
    return this;
  }

  /** Sets the per-probe timeout. */
  public ReadinessPolicyBuilder probeTimeout(Duration probeTimeout) {
    this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    return this;
  }

  /** Sets the consecutive passes required. */
  public ReadinessPolicyBuilder consecutiveSuccesses(int consecutiveSuccesses) {
    this.consecutiveSuccesses = consecutiveSuccesses;
    return this;
  }

  /** Sets the deadline after LaunchTime. */
  public ReadinessPolicyBuilder deadline(Duration deadline) {
    this.deadline = Optional.of(Objects.requireNonNull(deadline, "deadline"));
    return this;
  }

  /** Sets the deadline after LaunchTime, or none. */
  public ReadinessPolicyBuilder deadline(Optional<Duration> deadline) {
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    return this;
  }

  /** Removes the deadline: the gate then waits as long as the hook lets it. */
  public ReadinessPolicyBuilder noDeadline() {
    this.deadline = Optional.empty();
    return this;
  }

  /** Sets the result at the deadline. */
  public ReadinessPolicyBuilder resultAtDeadline(LifecycleResult resultAtDeadline) {
    this.resultAtDeadline = Objects.requireNonNull(resultAtDeadline, "resultAtDeadline");
    return this;
  }

  /** Sets the settle delay after the first pass. */
  public ReadinessPolicyBuilder settleDelay(Duration settleDelay) {
    this.settleDelay = Objects.requireNonNull(settleDelay, "settleDelay");
    return this;
  }

  /** Turns shadow mode on or off. */
  public ReadinessPolicyBuilder shadowMode(boolean shadowMode) {
    this.shadowMode = shadowMode;
    return this;
  }

  /** Turns heartbeats on or off. */
  public ReadinessPolicyBuilder heartbeats(boolean heartbeats) {
    this.heartbeats = heartbeats;
    return this;
  }

  /** Sets the heartbeat margin. */
  public ReadinessPolicyBuilder heartbeatMargin(Duration heartbeatMargin) {
    this.heartbeatMargin = Objects.requireNonNull(heartbeatMargin, "heartbeatMargin");
    return this;
  }

  /**
   * Builds the policy.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public ReadinessPolicy build() {
    return new ReadinessPolicy(
        probes,
        interval,
        confirmInterval,
        probeTimeout,
        consecutiveSuccesses,
        deadline,
        resultAtDeadline,
        settleDelay,
        shadowMode,
        heartbeats,
        heartbeatMargin);
  }
}
