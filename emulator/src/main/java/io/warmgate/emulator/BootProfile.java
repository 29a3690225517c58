package io.warmgate.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Describes how a simulated instance boots: how long EC2 keeps it pending, how long its OS takes
 * to come up, whether its first boot runs a long setup that a stop corrupts, and when its
 * application answers healthy.
 *
 * <p>A boot goes: {@code pending} for {@link #pending()}, then {@code running}; the health port
 * refuses connections for {@link #osBoot()}; then it answers 503. On the first boot of a profile
 * with a {@link #firstBootSetup()}, the setup runs next; when it ends, EC2Launch needs
 * {@link #saveState()} to record it, and a stop (not a hibernation) before that corrupts the
 * instance for good (it never answers 200 again). The endpoint answers 200 {@link #appStart()}
 * after the OS is up or, on a first boot with setup, after the setup ends, so with
 * {@code appStart < saveState} an instance is healthy for a moment before it is safe to stop.
 * Select a profile per launch template with the tag {@value #TAG}.
 *
 * @param name the name used in the launch template tag
 * @param windowsPlatform whether instances report platform {@code windows}
 * @param pending time in EC2 state pending
 * @param osBoot time from running until the health port accepts connections
 * @param firstBootSetup the first-boot setup (sysprep/EC2Launch); {@code null} for none
 * @param saveState the window after the setup in which a stop still corrupts
 * @param appStart time from OS up (or, on a first boot with setup, from the end of the setup) until healthy
 * @param stopping time in EC2 state stopping
 * @param shuttingDown time in EC2 state shutting-down
 */
public record BootProfile(
    String name,
    boolean windowsPlatform,
    Distribution pending,
    Distribution osBoot,
    Distribution firstBootSetup,
    Duration saveState,
    Distribution appStart,
    Duration stopping,
    Duration shuttingDown) {

  /** The launch template tag that selects a boot profile by name. */
  public static final String TAG = "warmgate:boot-profile";

  /** The launch template tag that sets the health endpoint's port. */
  public static final String HEALTH_PORT_TAG = "warmgate:health-port";

  /** Validates the fields. */
  public BootProfile {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(pending, "pending");
    Objects.requireNonNull(osBoot, "osBoot");
    Objects.requireNonNull(saveState, "saveState");
    Objects.requireNonNull(appStart, "appStart");
    Objects.requireNonNull(stopping, "stopping");
    Objects.requireNonNull(shuttingDown, "shuttingDown");
    if (saveState.isNegative() || stopping.isNegative() || shuttingDown.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** Returns whether the first boot runs a setup that a stop can corrupt. */
  public boolean hasFirstBootSetup() {
    return firstBootSetup != null;
  }

  /** A Linux instance: pending 5-15 s, OS up in ~20 s, application healthy ~10 s later. */
  public static BootProfile linux() {
    return new BootProfile("linux", false,
        Distribution.uniform(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        Distribution.logNormal(Duration.ofSeconds(20), 0.3, Duration.ofSeconds(8), Duration.ofSeconds(90)),
        null, Duration.ZERO,
        Distribution.logNormal(Duration.ofSeconds(10), 0.4, Duration.ofSeconds(2), Duration.ofSeconds(120)),
        Duration.ofSeconds(20), Duration.ofSeconds(15));
  }

  /**
   * A Windows instance: OS up in ~1 min, then a first-boot setup with median 9 min and a long
   * tail (about 10% above 16 min, up to 40 min); the app answers ~20 s after the setup, but
   * EC2Launch needs 30 s to save its state. Later boots skip the setup.
   */
  public static BootProfile windows() {
    return new BootProfile("windows", true,
        Distribution.uniform(Duration.ofSeconds(10), Duration.ofSeconds(20)),
        Distribution.logNormal(Duration.ofSeconds(60), 0.25, Duration.ofSeconds(30), Duration.ofMinutes(4)),
        Distribution.logNormal(Duration.ofMinutes(9), 0.45, Duration.ofMinutes(4), Duration.ofMinutes(40)),
        Duration.ofSeconds(30),
        Distribution.logNormal(Duration.ofSeconds(20), 0.3, Duration.ofSeconds(5), Duration.ofMinutes(3)),
        Duration.ofSeconds(45), Duration.ofSeconds(30));
  }

  /** A profile for fast tests: every phase takes one simulated second, no setup. */
  public static BootProfile instant() {
    Distribution second = Distribution.fixed(Duration.ofSeconds(1));
    return new BootProfile("instant", false, second, second, null, Duration.ZERO, second,
        Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /** Returns a copy with another name. */
  public BootProfile withName(String newName) {
    return new BootProfile(newName, windowsPlatform, pending, osBoot, firstBootSetup, saveState, appStart,
        stopping, shuttingDown);
  }

  /** Returns a copy with another first-boot setup and save-state window (setup {@code null} for none). */
  public BootProfile withFirstBootSetup(Distribution setup, Duration save) {
    return new BootProfile(name, windowsPlatform, pending, osBoot, setup, save, appStart, stopping,
        shuttingDown);
  }
}
