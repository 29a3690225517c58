package io.warmgate.emulator.internal.engine;

/** Holds a group's warm pool configuration. Guarded by the engine lock; changed only by engine commands. */
public final class WarmPool {
  int minSize;
  /** Null when not set (the group's MaxSize applies). */
  Integer maxGroupPreparedCapacity;
  PoolState poolState = PoolState.STOPPED;
  boolean reuseOnScaleIn;
  /** Whether PutWarmPool gave an InstanceReusePolicy; without one, descriptions leave it out, as AWS does. */
  boolean reusePolicyGiven;
  /** Set while DeleteWarmPool drains it. */
  boolean pendingDelete;

  WarmPool() {
  }

  public int minSize() {
    return minSize;
  }

  /** Returns MaxGroupPreparedCapacity, or null when not set. */
  public Integer maxGroupPreparedCapacity() {
    return maxGroupPreparedCapacity;
  }

  public PoolState poolState() {
    return poolState;
  }

  public boolean reuseOnScaleIn() {
    return reuseOnScaleIn;
  }

  /** Returns whether an InstanceReusePolicy was given. */
  public boolean reusePolicyGiven() {
    return reusePolicyGiven;
  }

  /** Returns the pool's Status: {@code PendingDelete} while it is being deleted, else null. */
  public String status() {
    return pendingDelete ? "PendingDelete" : null;
  }
}
