package io.warmgate.cli.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything one timeline report shows: a title and one timeline per story, side by side.
 *
 * @param title the page title
 * @param subtitle one line under the title (settings, seed, speed)
 * @param stories the stories, in the order they are shown
 */
public record TimelineReport(String title, String subtitle, List<StoryTimeline> stories) {
  public TimelineReport {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    stories = List.copyOf(stories);
  }
}
