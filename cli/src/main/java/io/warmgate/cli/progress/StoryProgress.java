package io.warmgate.cli.progress;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of one story's progress, one line of the live display.
 *
 * @param story the story's short name
 * @param phase what the story is doing now, e.g. "filling pool" or "scale-out"
 * @param elapsed simulated time since the story started
 * @param inService instances InService and healthy
 * @param target instances the story wants InService
 * @param warmReady instances stopped in the warm pool
 * @param waiting instances held by a lifecycle hook
 * @param corrupted instances broken by a stop during first-boot setup
 * @param abandoned lifecycle actions completed with ABANDON
 * @param apiCalls lifecycle API calls made (heartbeats and completions)
 * @param done whether the story has finished
 */
public record StoryProgress(
    String story,
    String phase,
    Duration elapsed,
    int inService,
    int target,
    int warmReady,
    int waiting,
    int corrupted,
    int abandoned,
    int apiCalls,
    boolean done) {

  public StoryProgress {
    Objects.requireNonNull(story, "story");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** The same snapshot without the elapsed time, to tell whether anything worth a new plain line changed. */
  StoryProgress withoutTime() {
    return new StoryProgress(
        story, phase, Duration.ZERO, inService, target, warmReady, waiting, corrupted, abandoned, apiCalls, done);
  }
}
