package io.warmgate.cli.report;

import io.warmgate.cli.report.InstanceTrack.DecisionMarker;
import io.warmgate.cli.report.InstanceTrack.Kind;
import io.warmgate.cli.report.InstanceTrack.StateSegment;
import io.warmgate.cli.report.StoryTimeline.Milestone;
import io.warmgate.cli.report.StoryTimeline.SummaryNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds small reports for the renderer's tests: one broken story and one healthy story. */
final class SampleReports {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private SampleReports() {}

  static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static TimelineReport twoStories() {
    InstanceTrack broken = new InstanceTrack(
        "i-0broken",
        List.of(
            new StateSegment("Warmed:Pending", at(0), at(1)),
            new StateSegment("Warmed:Stopped", at(1), at(20)),
            new StateSegment("Pending", at(20), at(21)),
            new StateSegment("InService", at(21), at(40))),
        List.of(new DecisionMarker(at(1), Kind.CORRUPTED, "stopped 2m into a 12m setup")),
        Optional.of(at(1)));
    InstanceTrack gated = new InstanceTrack(
        "i-0gated",
        List.of(
            new StateSegment("Warmed:Pending:Wait", at(0), at(13)),
            new StateSegment("Warmed:Stopped", at(13), at(20)),
            new StateSegment("Pending:Wait", at(20), at(22)),
            new StateSegment("InService", at(22), at(40))),
        List.of(
            new DecisionMarker(at(5), Kind.HEARTBEAT, "heartbeat"),
            new DecisionMarker(at(13), Kind.CONTINUE, "3 consecutive passes <script>alert(1)</script>"),
            new DecisionMarker(at(22), Kind.CONTINUE, "healthy")),
        Optional.empty());
    InstanceTrack abandoned = new InstanceTrack(
        "i-0slow",
        List.of(
            new StateSegment("Warmed:Pending:Wait", at(0), at(30)),
            new StateSegment("Warmed:Terminating", at(30), at(31)),
            new StateSegment("Terminated", at(31), at(40))),
        List.of(new DecisionMarker(at(30), Kind.ABANDON, "deadline passed"),
            new DecisionMarker(at(16), Kind.EXPIRED, "hook timed out")),
        Optional.empty());
    StoryTimeline bad = new StoryTimeline(
        "1. no hook",
        "No lifecycle hook: the pool stops instances as soon as they run.",
        "scale-out failed: 4 corrupted instances",
        false,
        T0,
        at(40),
        List.of(broken),
        List.of(new Milestone(at(20), "scale-out +1")),
        List.of(new SummaryNumber("corrupted", "1"), new SummaryNumber("time to scale out", "never")));
    StoryTimeline good = new StoryTimeline(
        "3. warmgate",
        "Hook with ABANDON, gate with defaults.",
        "scale-out served from the pool in 2m",
        true,
        T0,
        at(40),
        List.of(gated, abandoned),
        List.of(new Milestone(at(20), "scale-out +1")),
        List.of(new SummaryNumber("corrupted", "0"), new SummaryNumber("time to scale out", "2m 00s")));
    return new TimelineReport("warmgate demo", "seed 42, speed 60x", List.of(bad, good));
  }
}
