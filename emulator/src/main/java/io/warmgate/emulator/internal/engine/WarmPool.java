package io.warmgate.emulator.internal.engine;

/** Holds a group's warm pool configuration. */
public final class WarmPool {
  public int minSize;
  /** Null when not set (the group's MaxSize applies). */
  public Integer maxGroupPreparedCapacity;
  public String poolState = "Stopped";
  public boolean reuseOnScaleIn;
  /** Null while active; {@code PendingDelete} while DeleteWarmPool drains it. */
  public String status;
}
