package io.warmgate.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One fleet scenario: how many instances, which preset gates them, how fast the emulated world runs.
 *
 * @param instances instances gated at once (1..5000)
 * @param preset warmgate's defaults or the usual fix
 * @param speed simulated seconds per real second (1..600)
 * @param seed the emulator's seed (ids, boot times): the same seed is the same fleet
 * @param workers threads for the gate's blocking AWS calls (1..256), as {@code WARMGATE_LAMBDA_WORKERS}
 * @param interval a probe interval (simulated) for every phase instead of the preset's, or empty
 * @param heartbeatTimeout the hook's heartbeat timeout (simulated)
 * @param timeout the most real time the scenario may take, setup included
 * @param environment more {@code WARMGATE_*} settings for the gate (e.g. a phase's interval), over the preset
 */
public record FleetSettings(
    int instances,
    Preset preset,
    double speed,
    long seed,
    int workers,
    Optional<Duration> interval,
    Duration heartbeatTimeout,
    Duration timeout,
    Map<String, String> environment) {

  /** The most instances a scenario accepts (the emulator is measured up to 3,000). */
  public static final int MAX_INSTANCES = 5000;

  public FleetSettings {
    if (instances < 1 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException("instances must be in 1.." + MAX_INSTANCES + ", got " + instances);
    }
    Objects.requireNonNull(preset, "preset");
    if (!(speed >= 1 && speed <= 600)) {
      throw new IllegalArgumentException("speed must be in 1..600, got " + speed);
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be in 1..256, got " + workers);
    }
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    environment.keySet().forEach(k -> {
      if (!k.startsWith("WARMGATE_") || k.equals("WARMGATE_PRESET")) {
        throw new IllegalArgumentException("--env takes WARMGATE_* policy settings other than WARMGATE_PRESET, got " + k);
      }
    });
    interval.ifPresent(i -> {
      if (i.compareTo(Duration.ofSeconds(1)) < 0 || i.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("interval must be in 1s..5m, got " + i);
      }
    });
    if (heartbeatTimeout.compareTo(Duration.ofSeconds(30)) < 0 || heartbeatTimeout.compareTo(Duration.ofHours(2)) > 0) {
      throw new IllegalArgumentException("heartbeatTimeout must be in 30s..2h, got " + heartbeatTimeout);
    }
    if (timeout.compareTo(Duration.ofSeconds(5)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("timeout must be in 5s..1h, got " + timeout);
    }
  }

  /** The same scenario with another fleet size. */
  public FleetSettings withInstances(int n) {
    return new FleetSettings(n, preset, speed, seed, workers, interval, heartbeatTimeout, timeout, environment);
  }

  /** The same scenario at another speed. */
  public FleetSettings withSpeed(double s) {
    return new FleetSettings(instances, preset, s, seed, workers, interval, heartbeatTimeout, timeout, environment);
  }

  /** The same scenario under another preset. */
  public FleetSettings withPreset(Preset p) {
    return new FleetSettings(instances, p, speed, seed, workers, interval, heartbeatTimeout, timeout, environment);
  }

  /**
   * The cloud-init line the emulator's Linux profiles write when an instance is ready: the ready line of
   * the {@code ec2console} probe in {@link #withConsoleReadiness()}.
   */
  static final String CLOUD_INIT_READY = "Cloud-init v\\. \\S+ finished at (?<stamp>[^.]+)\\.";

  /** This scenario gated on the console ({@code ec2console} on cloud-init's line) instead of HTTP. */
  public FleetSettings withConsoleReadiness() {
    Map<String, String> env = new java.util.LinkedHashMap<>(environment);
    env.put("WARMGATE_PROBES", "ec2console");
    env.put("WARMGATE_EC2CONSOLE_READY_PATTERN", CLOUD_INIT_READY);
    return new FleetSettings(instances, preset, speed, seed, workers, interval, heartbeatTimeout, timeout, env);
  }
}
