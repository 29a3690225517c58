package io.warmgate.core.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * A group's warm pool configuration, as DescribeWarmPool returns it.
 *
 * @param minSize the pool's MinSize
 * @param maxGroupPreparedCapacity MaxGroupPreparedCapacity, empty when not set (MaxSize applies)
 * @param poolState {@code Stopped}, {@code Running} or {@code Hibernated}
 * @param reuseOnScaleIn whether scaled-in instances return to the pool
 */
public record WarmPoolFacts(int minSize, Optional<Integer> maxGroupPreparedCapacity, String poolState,
    boolean reuseOnScaleIn) {

  public WarmPoolFacts {
    Objects.requireNonNull(maxGroupPreparedCapacity, "maxGroupPreparedCapacity");
    Objects.requireNonNull(poolState, "poolState");
    if (minSize < 0) {
      throw new IllegalArgumentException("minSize must not be negative: " + minSize);
    }
  }

  /** True if pool instances are not running ({@code Stopped} or {@code Hibernated}): a launch is cut short by a stop. */
  public boolean stopsInstances() {
    return poolState.equals("Stopped") || poolState.equals("Hibernated");
  }

  /**
   * The pool size Auto Scaling aims for: max(MinSize, (MaxGroupPreparedCapacity or MaxSize) - desired).
   * A negative MaxGroupPreparedCapacity (-1 clears it) counts as not set.
   */
  public int targetSize(int maxSize, int desiredCapacity) {
    int prepared = maxGroupPreparedCapacity.filter(c -> c >= 0).orElse(maxSize);
    return Math.max(minSize, Math.max(0, prepared - desiredCapacity));
  }
}
