package io.warmgate.cli.demo;

import io.warmgate.core.model.Durations;
import io.warmgate.cli.report.InstanceTrack;
import io.warmgate.cli.report.InstanceTrack.DecisionMarker;
import io.warmgate.cli.report.InstanceTrack.Kind;
import io.warmgate.cli.report.InstanceTrack.StateSegment;
import io.warmgate.cli.report.StoryTimeline;
import io.warmgate.cli.report.StoryTimeline.Milestone;
import io.warmgate.cli.report.StoryTimeline.SummaryNumber;
import io.warmgate.cli.report.TimelineReport;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the emulator's recorded timeline and the gates' decisions into the demo's {@link TimelineReport}. */
final class DemoReport {

  /** What the report needs to know of one story's run besides the timeline. */
  record StoryRun(StoryKind kind, Optional<Instant> scaleOutAt, Optional<Instant> servedAt, List<DecisionNote> decisions) {}

  private DemoReport() {}

  /** The instances that ever belonged to a group, in launch order. */
  static Set<String> instancesOf(String group, List<TimelineEntry> timeline) {
    Set<String> ids = new LinkedHashSet<>();
    for (TimelineEntry e : timeline) {
      if (group.equals(e.groupName())) {
        ids.add(e.instanceId());
      }
    }
    return ids;
  }

  static TimelineReport build(
      DemoSettings settings,
      Instant start,
      Instant end,
      List<StoryRun> runs,
      List<TimelineEntry> timeline,
      Map<String, InstanceSnapshot> snapshots,
      List<StoryResult> results,
      Duration real) {
    List<StoryTimeline> stories = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      stories.add(story(settings, start, end, runs.get(i), timeline, results.get(i)));
    }
    String subtitle = String.format(Locale.ROOT,
        "Seed %d, %.0fx speed: %s simulated in %s real. Each group: min %d, max %d, warm pool of %d (Stopped);"
            + " Windows-like first boot with a setup of median %s (log-normal, sigma %.2f, up to %s); scale-out +%d.",
        settings.seed(), settings.speed(), Durations.humanRounded(Duration.between(start, end)), Durations.humanRounded(real),
        settings.groupSize(), settings.maxSize(), settings.poolSize(), Durations.human(settings.setupMedian()),
        settings.setupSigma(), Durations.human(settings.setupMax()), settings.scale());
    return new TimelineReport("warmgate demo: the warm-pool incident, three ways", subtitle, stories);
  }

  private static StoryTimeline story(
      DemoSettings settings, Instant start, Instant end, StoryRun run, List<TimelineEntry> timeline, StoryResult result) {
    Map<String, List<TimelineEntry>> byInstance = new LinkedHashMap<>();
    for (String id : instancesOf(run.kind().groupName(), timeline)) {
      byInstance.put(id, new ArrayList<>());
    }
    for (TimelineEntry e : timeline) {
      List<TimelineEntry> list = byInstance.get(e.instanceId());
      if (list != null) {
        list.add(e);
      }
    }
    List<InstanceTrack> tracks = new ArrayList<>();
    for (Map.Entry<String, List<TimelineEntry>> entry : byInstance.entrySet()) {
      tracks.add(track(entry.getKey(), entry.getValue(), end, run.decisions()));
    }
    List<Milestone> milestones = new ArrayList<>();
    run.scaleOutAt().ifPresent(at -> milestones.add(new Milestone(at, "scale-out +" + settings.scale())));
    run.servedAt().ifPresent(at -> milestones.add(new Milestone(at, "served")));
    return new StoryTimeline(run.kind().title(), run.kind().description(), verdict(result, settings), healthy(result),
        start, end, tracks, milestones, summary(result, settings));
  }

  private static boolean healthy(StoryResult r) {
    return r.scaledOut() && r.corrupted() == 0;
  }

  static String verdict(StoryResult r, DemoSettings settings) {
    String scale = r.scaleOutTime()
        .map(d -> "scale-out +" + settings.scale() + " served in " + Durations.humanRounded(d) + " (" + r.servedFromPool()
            + " from the warm pool)")
        .orElse("scale-out +" + settings.scale() + " NOT served within " + Durations.human(settings.scaleOutTimeout())
            + " (" + r.healthyInService() + " of " + r.target() + " InService and healthy)");
    String broken = r.corrupted() == 0 ? "nothing corrupted"
        : r.corrupted() + (r.corrupted() == 1 ? " instance" : " instances") + " corrupted by a stop mid-setup";
    String abandoned = r.abandoned() == 0 ? "" : ", " + r.abandoned() + " abandoned at the deadline and replaced";
    String unhealthy = r.replacedUnhealthy() == 0 ? ""
        : ", " + r.replacedUnhealthy() + " failed their health check in service and were replaced";
    return capitalise(scale) + "; " + broken + abandoned + unhealthy + ".";
  }

  private static List<SummaryNumber> summary(StoryResult r, DemoSettings settings) {
    return List.of(
        new SummaryNumber("scale-out +" + settings.scale(),
            r.scaleOutTime().map(Durations::human).orElse("not served")),
        new SummaryNumber("InService + healthy", r.healthyInService() + " / " + r.target()),
        new SummaryNumber("served from pool", String.valueOf(r.servedFromPool())),
        new SummaryNumber("corrupted", String.valueOf(r.corrupted())),
        new SummaryNumber("abandoned + replaced", String.valueOf(r.abandoned())),
        new SummaryNumber("unhealthy + replaced", String.valueOf(r.replacedUnhealthy())),
        new SummaryNumber("hook timeouts", String.valueOf(r.hookTimeouts())),
        new SummaryNumber("lifecycle API calls", String.valueOf(r.lifecycleCalls())),
        new SummaryNumber("instances launched", String.valueOf(r.launched())),
        new SummaryNumber("pool filled after", r.poolFilledAfter().map(Durations::human).orElse("never")));
  }

  private static InstanceTrack track(String id, List<TimelineEntry> entries, Instant end, List<DecisionNote> decisions) {
    List<StateSegment> segments = new ArrayList<>();
    List<DecisionMarker> markers = new ArrayList<>();
    Optional<Instant> corruptedAt = Optional.empty();
    String state = null;
    Instant since = null;
    for (TimelineEntry e : entries) {
      switch (e.kind()) {
        case LIFECYCLE -> {
          if (state != null && !e.at().isBefore(since)) {
            segments.add(new StateSegment(state, since, e.at()));
          }
          state = e.to();
          since = e.at();
        }
        case HEALTH -> {
          if (e.to().equals("corrupted")) {
            corruptedAt = Optional.of(e.at());
            markers.add(new DecisionMarker(e.at(), Kind.CORRUPTED, "stopped before its first-boot setup was saved"));
          } else if (e.to().equals("unhealthy")) {
            markers.add(new DecisionMarker(e.at(), Kind.UNHEALTHY,
                "failed its EC2 status check in service: marked Unhealthy and replaced"));
          }
        }
        case ACTION -> marker(id, e, decisions).ifPresent(markers::add);
        case EC2 -> {
          // EC2 states are implied by the lifecycle states; the report leaves them out.
        }
      }
    }
    if (state != null && !end.isBefore(since)) {
      segments.add(new StateSegment(state, since, end));
    }
    return new InstanceTrack(id, segments, markers, corruptedAt);
  }

  private static Optional<DecisionMarker> marker(String id, TimelineEntry e, List<DecisionNote> decisions) {
    String what = e.to();
    if (what.startsWith("CONTINUE")) {
      return Optional.of(new DecisionMarker(e.at(), Kind.CONTINUE, reason(id, e.at(), "Continue", decisions, "completed with CONTINUE")));
    }
    if (what.startsWith("ABANDON")) {
      return Optional.of(new DecisionMarker(e.at(), Kind.ABANDON, reason(id, e.at(), "Abandon", decisions, "completed with ABANDON")));
    }
    if (what.startsWith("heartbeat")) {
      return Optional.of(new DecisionMarker(e.at(), Kind.HEARTBEAT, what));
    }
    if (what.startsWith("expired")) {
      return Optional.of(new DecisionMarker(e.at(), Kind.EXPIRED, "the hook timed out: " + what));
    }
    return Optional.empty();
  }

  /** The gate's reason for the last matching decision on this instance at or before {@code at}. */
  private static String reason(String id, Instant at, String decision, List<DecisionNote> decisions, String fallback) {
    DecisionNote best = null;
    for (DecisionNote d : decisions) {
      if (d.instanceId().equals(id) && d.decision().equals(decision) && !d.at().isAfter(at.plusSeconds(5))) {
        best = d;
      }
    }
    return best == null ? fallback : best.reason();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
