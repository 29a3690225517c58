package io.warmgate.bench;

import io.warmgate.core.model.Phase;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.TimelineEntry.Milestone;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection latency read from the emulator's timeline: for every lifecycle action completed with
 * CONTINUE, the simulated time from the moment the instance's health endpoint turned 200 (and stayed so:
 * the bench profile never flaps) to the moment the emulator received CompleteLifecycleAction.
 *
 * <p>Both instants come from the emulator's own clock, so the figure includes everything on the gate's
 * side: the wait for the next probe round, the confirming rounds, the settle delay, timer lateness and
 * the completion call. The phase is the lifecycle state the instance waited in when it was completed.
 * When the harness handed the action to the gate only after the endpoint had turned 200 (the fleet is
 * set up before the gate starts), the latency counts from that hand-over instead: the gate cannot
 * detect what it has not been asked about.
 */
final class DetectionLatency {

  private DetectionLatency() {}

  /**
   * Latencies per phase, in simulated nanoseconds.
   *
   * @param timeline the emulator's timeline (any order)
   * @param group only instances of this group count
   * @param handedOver per phase, when each instance's action was handed to the gate (simulated)
   */
  static Map<Phase, LatencyRecorder> of(List<TimelineEntry> timeline, String group, Map<Phase, Map<String, Instant>> handedOver) {
    List<TimelineEntry> entries = new ArrayList<>(timeline);
    // Stable sort: entries at the same instant keep the order the engine recorded them in.
    entries.sort(Comparator.comparing(TimelineEntry::at));
    Map<String, Instant> healthySince = new HashMap<>();
    Map<String, String> lifecycle = new HashMap<>();
    Map<String, Boolean> fromWarmPool = new HashMap<>();
    Map<Phase, LatencyRecorder> out = new EnumMap<>(Phase.class);
    for (TimelineEntry e : entries) {
      String id = e.instanceId();
      switch (e.kind()) {
        case LIFECYCLE -> {
          String before = lifecycle.put(id, e.to());
          if (e.to().equals("Pending")) {
            // Pending:Wait follows both a cold start and a warm start; only where it came from tells them apart.
            fromWarmPool.put(id, before != null && before.startsWith("Warmed:"));
          }
        }
        case EC2 -> healthySince.remove(id); // a stop or start ends the boot that answered 200
        case HEALTH -> {
          Milestone m = e.milestone().orElseThrow(() -> new IllegalArgumentException("not a health milestone: " + e));
          switch (m) {
            case HEALTHY -> healthySince.put(id, e.at());
            // the console's ready line is written at (Linux) or near (Windows) the turn to 200: not a change of it
            case OS_UP, SETUP_SAVED, CONSOLE_READY -> { }
            case CORRUPTED, UNHEALTHY -> healthySince.remove(id);
          }
        }
        case ACTION -> {
          Instant since = healthySince.get(id);
          if (e.to().startsWith("CONTINUE") && since != null && group.equals(e.groupName())) {
            Phase phase = Phase.fromLifecycleState(lifecycle.getOrDefault(id, "")).orElse(Phase.COLD_START);
            if (phase == Phase.COLD_START && fromWarmPool.getOrDefault(id, false)) {
              phase = Phase.LEAVING_WARM_POOL;
            }
            Instant handed = handedOver.getOrDefault(phase, Map.of()).get(id);
            Instant from = handed != null && handed.isAfter(since) ? handed : since;
            out.computeIfAbsent(phase, p -> new LatencyRecorder(1_000_000))
                .record(Duration.between(from, e.at()).toNanos());
          }
        }
      }
    }
    return out;
  }
}
