package io.warmgate.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * One fleet scenario: how many instances, how fast the emulated world runs, and how the gate is set.
 *
 * @param instances instances waiting in {@code Warmed:Pending:Wait} at once (1..5000)
 * @param speed simulated seconds per real second (1..600)
 * @param seed the emulator's seed (ids, boot times)
 * @param workers threads for the gate's blocking AWS calls (1..256), as {@code WARMGATE_LAMBDA_WORKERS}
 * @param interval the gate's probe interval (simulated)
 * @param heartbeatTimeout the hook's heartbeat timeout (simulated)
 * @param timeout the most real time the scenario may take, setup included
 */
public record FleetSettings(
    int instances, double speed, long seed, int workers, Duration interval, Duration heartbeatTimeout, Duration timeout) {

  /** The most instances a scenario accepts (the emulator is measured up to 3,000). */
  public static final int MAX_INSTANCES = 5000;

  public FleetSettings {
    if (instances < 1 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException("instances must be in 1.." + MAX_INSTANCES + ", got " + instances);
    }
    if (!(speed >= 1 && speed <= 600)) {
      throw new IllegalArgumentException("speed must be in 1..600, got " + speed);
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be in 1..256, got " + workers);
    }
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("interval must be in 1s..5m, got " + interval);
    }
    if (heartbeatTimeout.compareTo(Duration.ofSeconds(30)) < 0 || heartbeatTimeout.compareTo(Duration.ofHours(2)) > 0) {
      throw new IllegalArgumentException("heartbeatTimeout must be in 30s..2h, got " + heartbeatTimeout);
    }
    if (timeout.compareTo(Duration.ofSeconds(5)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("timeout must be in 5s..1h, got " + timeout);
    }
  }

  /** The same scenario with another fleet size. */
  public FleetSettings withInstances(int n) {
    return new FleetSettings(n, speed, seed, workers, interval, heartbeatTimeout, timeout);
  }
}
