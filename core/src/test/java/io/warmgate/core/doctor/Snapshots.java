package io.warmgate.core.doctor;

import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds group snapshots for rule tests: a group "web", read at {@link #NOW}, with nothing in it until told. */
final class Snapshots {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  int min = 1;
  int max = 6;
  int desired = 2;
  Map<String, String> tags = new HashMap<>();
  List<GroupInstance> instances = new ArrayList<>();
  Optional<WarmPoolFacts> pool = Optional.empty();
  List<HookFacts> hooks = new ArrayList<>();
  List<ScalingActivity> activities = new ArrayList<>();
  EventRoutes routes = new EventRoutes.Checked(List.of());
  Optional<String> managedBy = Optional.empty();
  private int seq;

  Snapshots stoppedPool() {
    pool = Optional.of(new WarmPoolFacts(0, Optional.empty(), "Stopped", false));
    return this;
  }

  Snapshots launchingHook(Duration timeout, LifecycleResult result, Optional<Boolean> gateHeartbeats) {
    hooks.add(new HookFacts(LifecycleHook.of("web", "launch", LifecycleTransition.LAUNCHING, timeout, result,
        Optional.empty()), Optional.empty(), gateHeartbeats));
    return this;
  }

  /** A launch into the pool of {@code id} that started {@code ago} before NOW and took {@code took} (null: in progress). */
  Snapshots poolLaunch(String id, Duration ago, Duration took) {
    Instant start = NOW.minus(ago);
    activities.add(new ScalingActivity("a-" + (++seq), "Launching a new EC2 instance into warm pool: " + id, start,
        took == null ? Optional.empty() : Optional.of(start.plus(took)), took == null ? "MidLifecycleAction" : "Successful"));
    return this;
  }

  Snapshots instance(String id, String state, boolean inPool, Duration launchedAgo) {
    instances.add(new GroupInstance(id, state, "Healthy", inPool, Optional.ofNullable(launchedAgo).map(NOW::minus)));
    return this;
  }

  GroupSnapshot build() {
    return new GroupSnapshot("web", NOW, min, max, desired, tags, instances, pool, hooks, activities, routes, managedBy);
  }

  /** The ids of the findings the standard doctor makes. */
  List<String> ids() {
    return Doctor.standard().examine(build()).findings().stream().map(Finding::id).toList();
  }

  Finding only(String id) {
    List<Finding> found = Doctor.standard().examine(build()).findings().stream().filter(f -> f.id().equals(id)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + id + ", got " + found);
    }
    return found.get(0);
  }
}
