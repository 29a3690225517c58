package io.warmgate.core.policy;

import io.warmgate.core.probe.ProbeKinds;

/**
 * Describes one readiness probe: what to check, on which port, with which limits.
 *
 * <p>A value, not a running probe; its kind ({@link io.warmgate.core.probe.ProbeKind}, listed once in
 * {@link ProbeKinds}) parses it from settings and turns it into a probe. Several specs in a policy
 * combine with AND.
 */
public interface ProbeSpec {

  /** A short stable name for logs, e.g. {@code http:80/health}, {@code tcp:3389}, {@code ec2status}. */
  String name();

  /** The configuration name of this kind of probe, as used in the {@code probes} setting. */
  default String kind() {
    return ProbeKinds.of(this).name();
  }

  /** True if the probe connects to the instance's private IP (and so cannot run before it has one). */
  default boolean needsAddress() {
    return ProbeKinds.of(this).needsNetwork();
  }
}
