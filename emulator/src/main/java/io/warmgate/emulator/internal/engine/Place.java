package io.warmgate.emulator.internal.engine;

/** Where a lifecycle transition starts or ends: the {@code Origin} and {@code Destination} of an event. */
public enum Place {
  EC2("EC2"),
  AUTO_SCALING_GROUP("AutoScalingGroup"),
  WARM_POOL("WarmPool");

  private final String wire;

  Place(String wire) {
    this.wire = wire;
  }

  /** Returns the place as events spell it. */
  public String wire() {
    return wire;
  }
}
