package io.warmgate.emulator.internal.engine;

/**
 * The settings of PutWarmPool; the engine checks the values.
 *
 * @param minSize MinSize (default 0)
 * @param maxGroupPreparedCapacity MaxGroupPreparedCapacity, -1 or null for none
 * @param poolState PoolState (default Stopped)
 * @param reuseOnScaleIn InstanceReusePolicy.ReuseOnScaleIn, or null if no InstanceReusePolicy was given
 */
public record WarmPoolSpec(int minSize, Integer maxGroupPreparedCapacity, PoolState poolState,
    Boolean reuseOnScaleIn) { }
