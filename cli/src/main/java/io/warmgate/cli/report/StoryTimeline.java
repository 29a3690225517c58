package io.warmgate.cli.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One story of the report: every instance's lifecycle over simulated time, the story's milestones and
 * its summary numbers.
 *
 * @param title short name, e.g. "1. no hook"
 * @param description one or two sentences on how the group is set up
 * @param verdict one sentence on how the story ended, shown in bold
 * @param healthy whether the story ended well (colours the verdict)
 * @param start the simulated instant the axis starts at
 * @param end the simulated instant the axis ends at
 * @param instances one track per instance, in launch order
 * @param milestones story-wide moments drawn as vertical lines (e.g. the scale-out)
 * @param summary the numbers shown beside the timeline, in order
 */
public record StoryTimeline(
    String title,
    String description,
    String verdict,
    boolean healthy,
    Instant start,
    Instant end,
    List<InstanceTrack> instances,
    List<Milestone> milestones,
    List<SummaryNumber> summary) {

  public StoryTimeline {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    instances = List.copyOf(instances);
    milestones = List.copyOf(milestones);
    summary = List.copyOf(summary);
  }

  /** A moment that concerns the whole story, such as "scale-out +4". */
  public record Milestone(Instant at, String label) {
    public Milestone {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(label, "label");
    }
  }

  /** One labelled number, such as "corrupted instances: 3". */
  public record SummaryNumber(String label, String value) {
    public SummaryNumber {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }
}
