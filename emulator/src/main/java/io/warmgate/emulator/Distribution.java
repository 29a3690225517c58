package io.warmgate.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Draws simulated durations: fixed, uniform, or log-normal with a long tail, clamped to bounds.
 *
 * @param kind the shape of the distribution
 * @param median the fixed value, the uniform midpoint, or the log-normal median
 * @param sigma the log-normal shape (ignored otherwise); 0.45 puts about 10% above 1.78 x median
 * @param min the smallest value returned
 * @param max the largest value returned
 */
public record Distribution(Kind kind, Duration median, double sigma, Duration min, Duration max) {

  /** The shape of a distribution. */
  public enum Kind {
    /** Always the median. */
    FIXED,
    /** Uniform between min and max. */
    UNIFORM,
    /** Log-normal around the median, clamped to [min, max]. */
    LOG_NORMAL
  }

  /** Validates the bounds. */
  public Distribution {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(median, "median");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (median.isNegative() || min.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    if (sigma < 0 || Double.isNaN(sigma)) {
      throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
    }
  }

  /** Returns a distribution that always yields the given duration. */
  public static Distribution fixed(Duration value) {
    return new Distribution(Kind.FIXED, value, 0, value, value);
  }

  /** Returns a distribution uniform between min and max. */
  public static Distribution uniform(Duration min, Duration max) {
    return new Distribution(Kind.UNIFORM, min.plus(max).dividedBy(2), 0, min, max);
  }

  /** Returns a log-normal distribution around median with shape sigma, clamped to [min, max]. */
  public static Distribution logNormal(Duration median, double sigma, Duration min, Duration max) {
    return new Distribution(Kind.LOG_NORMAL, median, sigma, min, max);
  }

  /** Draws one duration from the given random source. */
  public Duration sample(RandomGenerator random) {
    long millis = switch (kind) {
      case FIXED -> median.toMillis();
      case UNIFORM -> min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis()));
      case LOG_NORMAL -> (long) (median.toMillis() * Math.exp(sigma * random.nextGaussian()));
    };
    millis = Math.max(min.toMillis(), Math.min(max.toMillis(), millis));
    return Duration.ofMillis(millis);
  }
}
