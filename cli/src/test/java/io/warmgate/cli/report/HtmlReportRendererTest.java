package io.warmgate.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.cli.report.InstanceTrack.StateSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportRendererTest {

  private final HtmlReportRenderer renderer = new HtmlReportRenderer();

  @Test
  void drawsOneSegmentPerStateAndOneTimelinePerStory() {
    String html = renderer.render(SampleReports.twoStories());

    assertThat(count(html, "<svg class=\"timeline\"")).isEqualTo(2);
    assertThat(count(html, "<rect class=\"seg ")).isEqualTo(4 + 4 + 3);
    assertThat(html).contains("st-warmed-pending-wait", "st-warmed-stopped", "st-pending-wait", "st-in-service",
        "st-terminated");
  }

  @Test
  void marksCorruptedInstancesAndDecisions() {
    String html = renderer.render(SampleReports.twoStories());

    assertThat(count(html, "<rect class=\"corrupt\"")).isEqualTo(1);
    assertThat(html).contains("class=\"row corrupted\" data-instance=\"i-0broken\"");
    assertThat(count(html, "class=\"marker m-continue\"")).isEqualTo(2);
    assertThat(count(html, "class=\"marker m-abandon\"")).isEqualTo(1);
    assertThat(html).contains("scale-out +1", "scale-out failed: 4 corrupted instances");
  }

  /** Regression: offsets were cut to the second (+2m45s) beside spans rounded to it (2m46s). */
  @Test
  void writesOffsetsRoundedAsTheSpansAndTheSummaryAre() {
    java.time.Instant origin = java.time.Instant.parse("2026-01-01T00:00:00Z");

    assertThat(HtmlReportRenderer.offset(origin, origin.plusMillis(165_668))).isEqualTo("+2m46s");
    assertThat(HtmlReportRenderer.offset(origin, origin.plusMillis(1_069_020))).isEqualTo("+17m49s");
    assertThat(HtmlReportRenderer.offset(origin, origin.minusSeconds(5))).isEqualTo("+0s");
  }

  @Test
  void fetchesNothingFromTheNetwork() {
    String html = renderer.render(SampleReports.twoStories());

    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//");
    assertThat(html).doesNotContain("@import", "url(http");
  }

  @Test
  void escapesTextFromTheData() {
    String html = renderer.render(SampleReports.twoStories());

    assertThat(html).doesNotContain("<script>alert(1)</script>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void writesTheFileCreatingDirectories(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/report.html");

    renderer.write(SampleReports.twoStories(), file);

    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>");
  }

  @Test
  void rendersAStoryWithoutInstances() {
    StoryTimeline empty = new StoryTimeline("empty", "", "nothing happened", true, SampleReports.T0,
        SampleReports.at(1), List.of(), List.of(), List.of());

    String html = renderer.render(new TimelineReport("t", "s", List.of(empty)));

    assertThat(html).contains("no instances");
  }

  @Test
  void rejectsASegmentThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> new StateSegment("InService", SampleReports.at(2), SampleReports.at(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InService");
  }

  private static int count(String text, String needle) {
    return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
  }
}
