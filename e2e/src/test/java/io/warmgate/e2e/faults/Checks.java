package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assertions and figures the rows share, read from the emulator's timeline (what Auto Scaling saw). */
final class Checks {

  private Checks() {}

  /**
   * Fails loudly when the emulator's clock ran later than {@code bound}: the machine could not keep up
   * with the speed, and what the row measured on that clock (waits, heartbeat margins) is not to be trusted.
   * Rows call it before their own assertions so an overload is reported as such.
   */
  static void onTime(FaultWorld world, Duration bound, Figures figures) {
    Duration late = world.maxLateness();
    figures.put("clock lateness", late);
    if (late.compareTo(bound) > 0) {
      throw new AssertionError("the machine is overloaded: the emulator's clock ran up to " + Figures.seconds(late)
          + " (simulated) late in " + world.row + ", above the row's bound of " + Figures.seconds(bound)
          + "; its timings cannot be trusted, so the row fails rather than pass or fail on them");
    }
  }

  /** One lifecycle action as Auto Scaling saw it: when it started, how it ended and when, when the instance was healthy. */
  record Wait(String instanceId, Instant started, Optional<TimelineEntry> end, Optional<Instant> healthyAt, int heartbeats) {
    boolean continued() {
      return end.isPresent() && end.get().to().startsWith("CONTINUE");
    }

    /** From the instance turning healthy in this wait to the gate's CONTINUE. */
    Optional<Duration> healthyToContinue() {
      return continued() && healthyAt.isPresent() ? Optional.of(Duration.between(healthyAt.get(), end.get().at())) : Optional.empty();
    }
  }

  /**
   * Every instance the group ever had, from the timeline: a terminated instance leaves its group (an
   * instance snapshot no longer names it) but its timeline still does.
   */
  static List<String> instanceIds(FaultWorld world, String group) {
    return world.emulator.timeline().stream().filter(e -> group.equals(e.groupName())).map(TimelineEntry::instanceId)
        .distinct().toList();
  }

  /** Every wait of every instance of {@code group}, from the timeline. */
  static List<Wait> waits(FaultWorld world, String group) {
    List<Wait> waits = new ArrayList<>();
    for (String id : instanceIds(world, group)) {
      List<TimelineEntry> timeline = world.emulator.timeline(id);
      Instant started = null;
      Instant healthy = null;
      int heartbeats = 0;
      for (TimelineEntry e : timeline) {
        if (e.kind() == TimelineEntry.Kind.ACTION && e.to().startsWith("started ")) {
          started = e.at();
          healthy = null;
          heartbeats = 0;
        } else if (started != null && e.kind() == TimelineEntry.Kind.HEALTH && e.to().equals("healthy") && healthy == null) {
          healthy = e.at();
        } else if (started != null && e.kind() == TimelineEntry.Kind.ACTION && e.to().startsWith("heartbeat")) {
          heartbeats++;
        } else if (started != null && e.kind() == TimelineEntry.Kind.ACTION) {
          waits.add(new Wait(id, started, Optional.of(e), Optional.ofNullable(healthy), heartbeats));
          started = null;
        }
      }
      if (started != null) {
        waits.add(new Wait(id, started, Optional.empty(), Optional.ofNullable(healthy), heartbeats));
      }
    }
    return waits;
  }

  /**
   * Every wait of the group ended with the gate's CONTINUE after the instance was healthy (no expiry, no
   * ABANDON, none still waiting), and no instance was corrupted (stopped half-booted) or abandoned.
   * Records the waits, completions and the worst healthy-to-CONTINUE delay.
   */
  static List<Wait> everyWaitContinuedWhenHealthy(FaultWorld world, String group, int expectedWaits, Figures figures) {
    List<Wait> waits = waits(world, group);
    figures.put("waits", waits.size());
    figures.put("continued", waits.stream().filter(Wait::continued).count());
    waits.stream().flatMap(w -> w.healthyToContinue().stream()).max(Duration::compareTo)
        .ifPresent(d -> figures.put("max healthy->CONTINUE", d));
    assertThat(waits).as("waits in %s", group).hasSizeGreaterThanOrEqualTo(expectedWaits);
    assertThat(waits).as("every wait ended by the gate's CONTINUE after the instance was healthy: %s", waits)
        .allSatisfy(w -> {
          assertThat(w.continued()).as("%s continued", w).isTrue();
          assertThat(w.healthyAt()).as("%s healthy before CONTINUE", w).isPresent();
          assertThat(w.healthyAt().get()).isBeforeOrEqualTo(w.end().get().at());
        });
    assertThat(instanceIds(world, group).stream().flatMap(id -> world.emulator.instance(id).stream()))
        .as("none corrupted (stopped half-booted) or abandoned").noneMatch(i -> i.corrupted() || i.abandoned());
    return waits;
  }

  /** Completions per wait: each action must be completed once; a second would be an error Auto Scaling answers. */
  static long completions(FaultWorld world, String group) {
    return instanceIds(world, group).stream().mapToLong(id -> world.entries(id, TimelineEntry.Kind.ACTION, "CONTINUE").size()
        + world.entries(id, TimelineEntry.Kind.ACTION, "ABANDON").size()).sum();
  }
}
