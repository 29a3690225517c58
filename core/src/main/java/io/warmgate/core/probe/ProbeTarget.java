package io.warmgate.core.probe;

import java.util.Objects;

/**
 * What a probe aims at.
 *
 * @param instanceId the EC2 instance id (for status-check probes and log lines)
 * @param address the private IPv4 address to connect to
 */
public record ProbeTarget(String instanceId, String address) {
  public ProbeTarget {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(address, "address");
  }
}
