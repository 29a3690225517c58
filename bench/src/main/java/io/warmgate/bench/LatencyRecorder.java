package io.warmgate.bench;

import java.util.Arrays;

/**
 * Collects latency samples (nanoseconds) and reports their percentiles.
 *
 * <p>Keeps at most {@code capacity} samples; later ones are counted but dropped, so a runaway run cannot
 * grow the heap it is measuring. Thread-safe (samples are recorded under a lock held for a few
 * nanoseconds).
 */
public final class LatencyRecorder {

  private final long[] samples;
  private int size;
  private long dropped;

  /**
   * @param capacity the most samples kept
   * @throws IllegalArgumentException if capacity is not positive
   */
  public LatencyRecorder(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.samples = new long[capacity];
  }

  /** Records one sample; negative values count as zero (a task that ran early is not late). */
  public synchronized void record(long nanos) {
    if (size == samples.length) {
      dropped++;
      return;
    }
    samples[size++] = Math.max(0, nanos);
  }

  /** The percentiles of what was recorded so far. */
  public synchronized Percentiles percentiles() {
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    return new Percentiles(size + dropped, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), size == 0 ? 0 : sorted[size - 1]);
  }

  private static long at(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    // Nearest rank: the smallest sample with at least q of the samples at or below it.
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * A latency distribution, in nanoseconds.
   *
   * @param count samples recorded (kept or dropped)
   * @param p50 median
   * @param p90 90th percentile
   * @param p99 99th percentile
   * @param max largest kept sample
   */
  public record Percentiles(long count, long p50, long p90, long p99, long max) {
    public Percentiles {
      if (count < 0 || p50 < 0 || p90 < p50 || p99 < p90 || max < p99) {
        throw new IllegalArgumentException("inconsistent percentiles: " + count + " " + p50 + " " + p90 + " " + p99 + " " + max);
      }
    }

    /** The same distribution with every value divided by {@code factor} (simulated to real time). */
    public Percentiles scaledDown(double factor) {
      if (!(factor > 0)) {
        throw new IllegalArgumentException("factor must be positive, got " + factor);
      }
      return new Percentiles(count, (long) (p50 / factor), (long) (p90 / factor), (long) (p99 / factor), (long) (max / factor));
    }
  }
}
