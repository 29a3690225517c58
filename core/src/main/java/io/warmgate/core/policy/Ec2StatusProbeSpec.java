package io.warmgate.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * EC2's system and instance status checks ({@code DescribeInstanceStatus}); passes when both are
 * {@code ok}.
 *
 * <p>EC2 needs a few minutes after boot to report {@code ok}; combine it with an HTTP or TCP probe
 * rather than using it alone.
 *
 * @param timeout how long the probe waits for the status-check call (the round's probeTimeout caps it too)
 */
public record Ec2StatusProbeSpec(Duration timeout) implements ProbeSpec {

  /** Default timeout of the status-check call: 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public Ec2StatusProbeSpec {
    Objects.requireNonNull(timeout, "timeout");
    ReadinessPolicy.requirePositive(timeout, "timeout");
  }

  /** The status checks with the default timeout. */
  public Ec2StatusProbeSpec() {
    this(DEFAULT_TIMEOUT);
  }

  @Override
  public String name() {
    return "ec2status";
  }
}
