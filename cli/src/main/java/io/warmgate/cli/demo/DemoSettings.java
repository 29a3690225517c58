package io.warmgate.cli.demo;

import io.warmgate.core.model.Durations;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of one demo run. All durations are simulated time.
 *
 * @param scale how many instances the scale-out adds (desired + scale)
 * @param speed simulated seconds per real second
 * @param seed seed of every random choice in the emulator (boot times, ids, tokens)
 * @param groupSize each group's MinSize and initial desired capacity
 * @param maxSize each group's MaxSize; the warm pool holds {@code maxSize - groupSize} instances
 * @param setupMedian median first-boot setup time of the Windows-like boot profile
 * @param setupSigma log-normal shape of the setup time (its tail)
 * @param setupMax the longest setup time
 * @param fillTimeout how long the stories may take to fill their pools before the scale-out anyway
 * @param scaleOutTimeout how long after the scale-out a story may take before it counts as failed
 * @param healthPort the port of every simulated instance's health endpoint
 * @param report where to write the HTML report, or {@code null} for none
 */
public record DemoSettings(
    int scale,
    double speed,
    long seed,
    int groupSize,
    int maxSize,
    Duration setupMedian,
    double setupSigma,
    Duration setupMax,
    Duration fillTimeout,
    Duration scaleOutTimeout,
    int healthPort,
    Path report) {

  /** The fastest speed accepted: beyond it a probe's real round trip is many simulated seconds. */
  public static final double MAX_SPEED = 300;
  /** {@link #MAX_SPEED} as written in help and messages. */
  public static final String MAX_SPEED_TEXT = "300";

  public DemoSettings {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
    if (!(speed > 0) || speed > MAX_SPEED) {
      throw new IllegalArgumentException("--speed must be above 0 and at most " + MAX_SPEED_TEXT
          + " (faster, probe round trips and timers take longer than the simulated seconds they stand for), got "
          + BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString());
    }
    if (groupSize < 0) {
      throw new IllegalArgumentException("group size must not be negative, got " + groupSize);
    }
    if (maxSize < groupSize + scale) {
      throw new IllegalArgumentException(
          "max size " + maxSize + " must be at least group size + scale = " + (groupSize + scale));
    }
    if (maxSize > 50) {
      throw new IllegalArgumentException("max size must be at most 50 for a demo, got " + maxSize);
    }
    Objects.requireNonNull(setupMedian, "setupMedian");
    Objects.requireNonNull(setupMax, "setupMax");
    if (setupMedian.isNegative() || setupMedian.isZero()) {
      throw new IllegalArgumentException("setup median must be positive, got " + Durations.human(setupMedian));
    }
    if (setupMax.compareTo(setupMedian) < 0) {
      throw new IllegalArgumentException("setup max " + Durations.human(setupMax) + " is below the median " + Durations.human(setupMedian));
    }
    if (!(setupSigma >= 0) || setupSigma > 2) {
      throw new IllegalArgumentException("setup sigma must be in [0, 2], got " + setupSigma);
    }
    Objects.requireNonNull(fillTimeout, "fillTimeout");
    Objects.requireNonNull(scaleOutTimeout, "scaleOutTimeout");
    if (fillTimeout.isNegative() || fillTimeout.isZero() || scaleOutTimeout.isNegative() || scaleOutTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (healthPort < 1024 || healthPort > 65535) {
      throw new IllegalArgumentException("health port must be in 1024..65535, got " + healthPort);
    }
  }

  /** The defaults of {@code warmgate demo}. */
  public static DemoSettings defaults() {
    return new DemoSettings(4, 60, 42, 2, 10, Duration.ofMinutes(12), 0.3, Duration.ofMinutes(30),
        Duration.ofMinutes(60), Duration.ofMinutes(20), 18080, Path.of("reports", "warmgate-demo.html"));
  }

  /** The warm pool's size: {@code max(0, maxSize - groupSize)} (MinSize 0, no MaxGroupPreparedCapacity). */
  public int poolSize() {
    return Math.max(0, maxSize - groupSize);
  }
}
