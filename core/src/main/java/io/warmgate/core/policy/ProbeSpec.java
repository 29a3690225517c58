package io.warmgate.core.policy;

/**
 * Describes one readiness probe: what to check, on which port, with which limits.
 *
 * <p>A value, not a running probe; {@code io.warmgate.core.probe.Probes} turns it into one. Several specs
 * in a policy combine with AND.
 */
public sealed interface ProbeSpec permits HttpProbeSpec, TcpProbeSpec, Ec2StatusProbeSpec {

  /** A short stable name for logs, e.g. {@code http:80/health}, {@code tcp:3389}, {@code ec2status}. */
  String name();

  /** The configuration name of this kind of probe, as used in the {@code probes} setting. */
  String kind();

  /** True if the probe connects to the instance's private IP (and so cannot run before it has one). */
  boolean needsAddress();
}
