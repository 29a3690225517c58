package io.warmgate.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one readiness probe against one instance.
 *
 * @param probe the probe's name, e.g. {@code http:80/health}
 * @param passed whether the probe saw the instance ready
 * @param detail a short human-readable reason ("200 OK", "connect refused", "timeout after 2s")
 * @param at when the probe finished
 * @param took how long it took
 */
public record ProbeResult(String probe, boolean passed, String detail, Instant at, Duration took) {

  public ProbeResult {
    LifecycleAction.requireText(probe, "probe");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(took, "took");
  }

  /** A passing result. */
  public static ProbeResult pass(String probe, String detail, Instant at, Duration took) {
    return new ProbeResult(probe, true, detail, at, took);
  }

  /** A failing result. */
  public static ProbeResult fail(String probe, String detail, Instant at, Duration took) {
    return new ProbeResult(probe, false, detail, at, took);
  }
}
