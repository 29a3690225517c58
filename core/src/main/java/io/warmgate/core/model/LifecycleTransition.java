package io.warmgate.core.model;

import java.util.Objects;

/** The transition a lifecycle hook intercepts, spelled on the wire as {@code autoscaling:EC2_INSTANCE_*}. */
public enum LifecycleTransition {
  LAUNCHING("autoscaling:EC2_INSTANCE_LAUNCHING"),
  TERMINATING("autoscaling:EC2_INSTANCE_TERMINATING");

  private final String wireName;

  LifecycleTransition(String wireName) {
    this.wireName = wireName;
  }

  /** The value as Auto Scaling writes it, e.g. {@code autoscaling:EC2_INSTANCE_LAUNCHING}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the wire name.
   *
   * @throws IllegalArgumentException if the value names no known transition
   */
  public static LifecycleTransition fromWire(String value) {
    Objects.requireNonNull(value, "value");
    for (LifecycleTransition t : values()) {
      if (t.wireName.equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown lifecycle transition: " + value);
  }
}
