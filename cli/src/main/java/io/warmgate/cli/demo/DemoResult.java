package io.warmgate.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a demo run: one result per story, how long it took, and where the report is.
 *
 * @param settings the settings it ran with
 * @param stories the results, in story order
 * @param simulated simulated time from start to end
 * @param real wall-clock time from start to end
 * @param report the HTML report, if one was written
 * @param maxLateness how late, in simulated time, the emulator's timers ran at worst
 */
public record DemoResult(
    DemoSettings settings,
    List<StoryResult> stories,
    Duration simulated,
    Duration real,
    Optional<Path> report,
    Duration maxLateness) {

  /**
   * The most the emulator's timers may run late for the figures to mean anything: the gate probes every
   * 15 s (simulated), so timers later than one round mean the machine did not keep up with the speed.
   */
  public static final Duration LATENESS_BOUND = Duration.ofSeconds(15);

  public DemoResult {
    Objects.requireNonNull(settings, "settings");
    stories = List.copyOf(stories);
    Objects.requireNonNull(simulated, "simulated");
    Objects.requireNonNull(real, "real");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(maxLateness, "maxLateness");
  }

  /** Whether the machine kept up with the speed factor, so that the figures are results at all. */
  public boolean valid() {
    return maxLateness.compareTo(LATENESS_BOUND) <= 0;
  }

  /** The result of one story. */
  public StoryResult story(StoryKind kind) {
    return stories.stream().filter(s -> s.kind() == kind).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no story " + kind));
  }

  /**
   * Whether the stories ended as the demo means to show: without a hook the pool breaks, with warmgate it
   * serves the scale-out with nothing corrupted.
   */
  public boolean asExpected() {
    StoryResult warmgate = story(StoryKind.WARMGATE);
    return warmgate.corrupted() == 0 && warmgate.scaledOut();
  }
}
