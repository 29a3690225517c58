package io.warmgate.core.model;

import java.util.Objects;

/** Where an instance comes from or goes to in a lifecycle event ({@code Origin}/{@code Destination}). */
public enum Location {
  EC2("EC2"),
  AUTO_SCALING_GROUP("AutoScalingGroup"),
  WARM_POOL("WarmPool");

  private final String wireName;

  Location(String wireName) {
    this.wireName = wireName;
  }

  /** The value as it appears in lifecycle events. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the wire name.
   *
   * @throws IllegalArgumentException if the value names no known location
   */
  public static Location fromWire(String value) {
    Objects.requireNonNull(value, "value");
    for (Location l : values()) {
      if (l.wireName.equals(value)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown lifecycle location: " + value);
  }
}
