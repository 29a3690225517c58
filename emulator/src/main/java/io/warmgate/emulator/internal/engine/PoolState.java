package io.warmgate.emulator.internal.engine;

/** The state warm-pool instances wait in ({@code PoolState} of PutWarmPool). */
public enum PoolState {
  STOPPED("Stopped"),
  RUNNING("Running"),
  HIBERNATED("Hibernated");

  private final String wire;

  PoolState(String wire) {
    this.wire = wire;
  }

  /** Returns the value as the API spells it. */
  public String wire() {
    return wire;
  }

  /** Returns the pool state the API names, or null for an unknown name. */
  public static PoolState fromWire(String name) {
    for (PoolState s : values()) {
      if (s.wire.equals(name)) {
        return s;
      }
    }
    return null;
  }
}
