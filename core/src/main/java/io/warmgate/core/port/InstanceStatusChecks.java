package io.warmgate.core.port;

import java.util.Objects;

/**
 * Reads EC2's system and instance status checks ({@code DescribeInstanceStatus}).
 *
 * <p>Blocking; thread-safe.
 */
public interface InstanceStatusChecks {

  /**
   * The two status checks of a running instance, as EC2 spells them ({@code ok}, {@code initializing},
   * {@code impaired}, {@code insufficient-data}, {@code not-applicable}).
   */
  record Status(String system, String instance) {
    public Status {
      Objects.requireNonNull(system, "system");
      Objects.requireNonNull(instance, "instance");
    }

    /** True when both checks pass. */
    public boolean ok() {
      return "ok".equals(system) && "ok".equals(instance);
    }
  }

  /**
   * Reads the status checks of one instance.
   *
   * @return the checks; {@code not-applicable} for both if EC2 reports none (instance not running)
   * @throws GatePortException if the call failed after the adapter's own retries
   */
  Status status(String instanceId);
}
