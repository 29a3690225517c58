package io.warmgate.core.model;

import java.util.Objects;

/** The EC2 state of an instance, with the code EC2 reports beside its name. */
public enum InstanceState {
  PENDING(0, "pending"),
  RUNNING(16, "running"),
  SHUTTING_DOWN(32, "shutting-down"),
  TERMINATED(48, "terminated"),
  STOPPING(64, "stopping"),
  STOPPED(80, "stopped");

  private final int code;
  private final String wireName;

  InstanceState(int code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  /** The low byte of EC2's state code. */
  public int code() {
    return code;
  }

  /** The name EC2 reports, e.g. {@code shutting-down}. */
  public String wireName() {
    return wireName;
  }

  /** True once the instance is on its way out and can never become ready. */
  public boolean isGone() {
    return this == SHUTTING_DOWN || this == TERMINATED;
  }

  /**
   * True while the instance is in its current boot ({@code pending} or {@code running}), so that its
   * LaunchTime marks the start of that boot; false when stopped, stopping or gone.
   */
  public boolean isBooting() {
    return this == PENDING || this == RUNNING;
  }

  /**
   * Parses EC2's state name.
   *
   * @throws IllegalArgumentException if the value names no known state
   */
  public static InstanceState fromWire(String value) {
    Objects.requireNonNull(value, "value");
    for (InstanceState s : values()) {
      if (s.wireName.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown instance state: " + value);
  }
}
