package io.warmgate.cdk;

import io.warmgate.core.policy.ProbeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Overrides of a {@link ReadinessPolicy} for one phase of an instance's life (entering the warm pool,
 * leaving it, or a cold start); every setting left empty is the policy's own. Build one with
 * {@link #builder()}.
 *
 * @param deadline how long after the start of the current boot the gate waits in this phase
 * @param atDeadline what the gate does when that deadline passes
 * @param consecutive how many passing probes in a row make the instance ready
 * @param settle how long the instance must keep passing, counted from the first pass of the streak, before the gate continues
 * @param interval time between probes
 * @param probes the probes of this phase, any of the gate's kinds, replacing the policy's
 */
public record PhasePolicy(
    Optional<Duration> deadline,
    Optional<LifecycleResult> atDeadline,
    OptionalInt consecutive,
    Optional<Duration> settle,
    Optional<Duration> interval,
    Optional<List<ProbeSpec>> probes) {

  /** No overrides: the phase uses the policy's settings. */
  public static final PhasePolicy NONE = builder().build();

  /** Validates each setting that is present, with the ranges of {@link ReadinessPolicy}. */
  public PhasePolicy {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(atDeadline, "atDeadline");
    Objects.requireNonNull(consecutive, "consecutive");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(probes, "probes");
    probes = probes.map(List::copyOf);
    probes.ifPresent(list -> {
      if (list.isEmpty()) {
        throw new IllegalArgumentException("probes must not be empty when set");
      }
      ReadinessPolicy.checkProbes(list);
    });
    deadline.ifPresent(ReadinessPolicy::checkDeadline);
    consecutive.ifPresent(ReadinessPolicy::checkConsecutive);
    settle.ifPresent(ReadinessPolicy::checkSettle);
    interval.ifPresent(ReadinessPolicy::checkInterval);
  }

  /** Returns a builder with no overrides. */
  public static Builder builder() {
    return new Builder();
  }

  /** True if this overrides nothing. */
  public boolean isEmpty() {
    return deadline.isEmpty() && atDeadline.isEmpty() && consecutive.isEmpty() && settle.isEmpty() && interval.isEmpty() && probes.isEmpty();
  }

  /** Collects the overrides of a {@link PhasePolicy}; {@link #build()} validates them. */
  public static final class Builder {
    private Duration deadline;
    private LifecycleResult atDeadline;
    private Integer consecutive;
    private Duration settle;
    private Duration interval;
    private List<ProbeSpec> probes;

    private Builder() {}

    /** Overrides the probes, of any kind the gate knows, e.g. {@code new Ec2ConsoleProbeSpec()}. */
    public Builder probes(ProbeSpec... probes) {
      this.probes = List.of(probes);
      return this;
    }

    /** Overrides the deadline, counted from the start of the current boot. */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** Overrides the result when the deadline passes. */
    public Builder atDeadline(LifecycleResult atDeadline) {
      this.atDeadline = atDeadline;
      return this;
    }

    /** Overrides how many passes in a row make the instance ready. */
    public Builder consecutive(int consecutive) {
      this.consecutive = consecutive;
      return this;
    }

    /** Overrides the settle delay, counted from the first pass of the streak. */
    public Builder settle(Duration settle) {
      this.settle = settle;
      return this;
    }

    /** Overrides the time between probes. */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Returns the validated overrides. */
    public PhasePolicy build() {
      return new PhasePolicy(Optional.ofNullable(deadline), Optional.ofNullable(atDeadline),
          consecutive == null ? OptionalInt.empty() : OptionalInt.of(consecutive),
          Optional.ofNullable(settle), Optional.ofNullable(interval), Optional.ofNullable(probes));
    }
  }
}
