package io.warmgate.bench;

/**
 * The speed a fleet runs at unless one is given: as fast as the emulated world can run while one
 * process (gate and emulator on the same cores) still keeps up with it.
 *
 * <p>Accelerating the clock multiplies the gate's real work: leaving the pool, every instance is probed
 * every 2 s of simulated time, so N instances at speed S need N / 2 x S probe rounds a real second
 * (N = 1,000 at 60x: 30,000 a second, about ten cores at the gate's cost per round). Past what the
 * process can do, timers run late, and since every interval and timeout is on the simulated clock (the
 * core's one-clock rule), a 5 s probe timeout is 83 ms real at 60x: late probes time out, streaks break
 * and the figures describe the machine. So the speed is chosen per fleet such that the leaving pool's
 * rounds come to about {@value #PROBES_PER_REAL_SECOND} a real second, at most {@value #MAX}x; the
 * report's lateness and its validity check say whether the machine kept up.
 */
final class AutoSpeed {

  /** Probe rounds a real second the auto speed aims at while every instance leaves the pool. */
  static final int PROBES_PER_REAL_SECOND = 5_000;
  /** The fastest the auto speed goes: at 60x even 100 instances left timers seconds late here. */
  static final double MAX = 20;
  /** The interval of the leaving pool's default policy, in simulated seconds. */
  private static final double LEAVING_INTERVAL_SECONDS = 2;

  private AutoSpeed() {}

  /** The speed for a fleet of {@code instances}: at most {@link #MAX}, at least 1, one decimal. */
  static double forFleet(int instances) {
    double s = PROBES_PER_REAL_SECOND * LEAVING_INTERVAL_SECONDS / Math.max(1, instances);
    return Math.max(1, Math.min(MAX, Math.floor(s * 10) / 10));
  }
}
