package io.warmgate.core.probe;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a probe aims at.
 *
 * @param instanceId the EC2 instance id (for probes through the EC2 API and log lines)
 * @param address the private IPv4 address to connect to
 * @param bootStart the start of the instance's current boot (its LaunchTime), when known: console output
 *     from before it belongs to an earlier boot
 */
public record ProbeTarget(String instanceId, String address, Optional<Instant> bootStart) {
  public ProbeTarget {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(bootStart, "bootStart");
  }

  /** A target whose boot start is unknown (probes that need it fail). */
  public ProbeTarget(String instanceId, String address) {
    this(instanceId, address, Optional.empty());
  }

  /** A target in its boot that started at {@code bootStart}. */
  public ProbeTarget(String instanceId, String address, Instant bootStart) {
    this(instanceId, address, Optional.of(bootStart));
  }
}
