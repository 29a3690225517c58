package io.warmgate.core.policy;

/**
 * EC2's system and instance status checks ({@code DescribeInstanceStatus}); passes when both are
 * {@code ok}.
 *
 * <p>EC2 needs a few minutes after boot to report {@code ok}; combine it with an HTTP or TCP probe
 * rather than using it alone.
 */
public record Ec2StatusProbeSpec() implements ProbeSpec {

  @Override
  public String name() {
    return "ec2status";
  }

  @Override
  public String kind() {
    return "ec2status";
  }

  @Override
  public boolean needsAddress() {
    return false;
  }
}
