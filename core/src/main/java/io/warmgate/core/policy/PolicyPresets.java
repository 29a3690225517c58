package io.warmgate.core.policy;

import io.warmgate.core.model.LifecycleResult;
import java.time.Duration;

/** The built-in starting points that configuration layers refine. */
public final class PolicyPresets {

  /** Name of the {@link #defaults()} preset in the {@code preset} setting. */
  public static final String DEFAULTS = "warmgate";
  /** Name of the {@link #usualFix()} preset in the {@code preset} setting. */
  public static final String USUAL_FIX = "usual-fix";

  private PolicyPresets() {}

  /**
   * warmgate's defaults, sized for Windows warm pools: HTTP GET {@code /} on port 80 accepting 2xx, a
   * round every 15 s, 5 s probe timeout, 3 passes in a row confirmed 1 s apart once the first has
   * passed, ABANDON 30 min after LaunchTime, heartbeats on with a 60 s margin. A probe costs no AWS
   * call, so where the pool is involved the rounds are short. Entering the warm pool: a round every
   * 2 s, so the 30 s settle delay starts at most 2 s after the instance turns healthy and the pool
   * fills sooner. Leaving it, where the user waits for the scale-out and the instance passed the whole
   * check when it entered the pool: a round every 2 s, the streak confirmed 200 ms apart (a stable 200
   * is then continued in about 1.5 s, p99 about 2.6 s: docs/performance.md), ABANDON 15 min after
   * LaunchTime.
   *
   * <p>These are warmgate's only defaults: the CDK construct's policy builder starts from them and its
   * hook metadata writes only what differs (docs/decisions.md, "One set of defaults", says why these values).
   */
  public static PhasePolicies defaults() {
    ReadinessPolicy coldStart =
        ReadinessPolicy.builder()
            .probes(HttpProbeSpec.http(80, "/"))
            .interval(Duration.ofSeconds(15))
            .confirmInterval(Duration.ofSeconds(1))
            .probeTimeout(Duration.ofSeconds(5))
            .consecutiveSuccesses(3)
            .deadline(Duration.ofMinutes(30))
            .resultAtDeadline(LifecycleResult.ABANDON)
            .settleDelay(Duration.ZERO)
            .shadowMode(false)
            .heartbeats(true)
            .heartbeatMargin(Duration.ofSeconds(60))
            .build();
    ReadinessPolicy entering =
        coldStart.toBuilder().interval(Duration.ofSeconds(2)).settleDelay(Duration.ofSeconds(30)).build();
    ReadinessPolicy leaving = coldStart.toBuilder()
        .interval(Duration.ofSeconds(2)).confirmInterval(Duration.ofMillis(200)).deadline(Duration.ofMinutes(15)).build();
    return new PhasePolicies(entering, leaving, coldStart);
  }

  /**
   * Imitates the common naive fix, for comparison: HTTP GET {@code /} on port 80 every 10 s, CONTINUE
   * on the first pass, no settle delay, no deadline and no heartbeats (so the hook's own timeout and
   * default result decide when the instance never gets ready).
   */
  public static PhasePolicies usualFix() {
    return PhasePolicies.all(
        ReadinessPolicy.builder()
            .probes(HttpProbeSpec.http(80, "/"))
            .interval(Duration.ofSeconds(10))
            .confirmInterval(Duration.ofSeconds(10))
            .probeTimeout(Duration.ofSeconds(5))
            .consecutiveSuccesses(1)
            .noDeadline()
            .resultAtDeadline(LifecycleResult.ABANDON)
            .settleDelay(Duration.ZERO)
            .shadowMode(false)
            .heartbeats(false)
            .heartbeatMargin(Duration.ZERO)
            .build());
  }

  /**
   * The preset with this name ({@value #DEFAULTS} or {@value #USUAL_FIX}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static PhasePolicies named(String name) {
    return switch (name) {
      case DEFAULTS -> defaults();
      case USUAL_FIX -> usualFix();
      default -> throw new IllegalArgumentException(
          "expected " + DEFAULTS + " or " + USUAL_FIX + ", got '" + name + "'");
    };
  }
}
