package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.ActionSnapshot;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the Auto Scaling and EC2 world: groups, warm pools, hooks, lifecycle actions and the EC2
 * state machine of each simulated instance. The protocol layer parses a request, calls one
 * command here ({@link #autoScaling()}, {@link #ec2()}) and
 * renders what it returns; the commands validate their input and keep every invariant.
 *
 * <p>Every command and query runs while holding this object's monitor ({@code synchronized
 * (engine)}); timers take it themselves. Outgoing work (events, health endpoints) is handed off
 * without blocking. The parts: {@link GroupReconciler} (capacity, warm-pool sizing, lifecycle
 * paths), {@link LifecycleActions} (tokens, heartbeats, timeouts), {@link InstanceMachine} (EC2
 * states and boots), {@link Launcher} (new instances), {@link LifecycleEvents} (EventBridge
 * events), {@link Ids} and {@link Timeline}.
 */
public final class Engine {
  /** The most recent transitions kept for {@link #timeline()}; older ones are dropped. */
  public static final int TIMELINE_LIMIT = 500_000;
  /** The most instances that may be not yet terminated at once, across all groups. */
  public static final int MAX_INSTANCES = 10_000;
  /** The most terminated instances remembered; older ones are forgotten (EC2 lists them for an hour only). */
  public static final int TERMINATED_KEPT = 10_000;

  public final EmulatorClock clock;
  public final String region;
  public final String accountId;
  final Ids ids;
  private final Timeline timeline = new Timeline(TIMELINE_LIMIT);
  private final EventBus events;
  private final HealthEndpoints health;
  private final Launcher launcher;
  private final InstanceMachine ec2;
  private final LifecycleActions actions;
  private final GroupReconciler reconciler;
  private final AutoScaling autoScaling;
  private final Ec2 ec2Commands;
  private final ConsoleWriter console;

  final Map<String, LaunchTemplate> templates = new LinkedHashMap<>();
  final Map<String, Group> groups = new TreeMap<>();
  private final Map<String, SimInstance> instances = new LinkedHashMap<>();
  private final ArrayDeque<SimInstance> terminated = new ArrayDeque<>();
  private final Map<String, LongAdder> apiCalls = new ConcurrentHashMap<>();

  /** Creates an empty world. */
  public Engine(EmulatorClock clock, long seed, String region, String accountId,
      Map<String, BootProfile> profiles, String defaultProfile, int defaultHealthPort,
      int ipSecondOctet, EventBus events, HealthEndpoints health) {
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
    this.ids = new Ids(seed);
    this.events = events;
    this.health = health;
    this.launcher = new Launcher(this, ids, seed, profiles, defaultProfile, defaultHealthPort, ipSecondOctet,
        MAX_INSTANCES);
    this.console = new ConsoleWriter(this, clock);
    this.ec2 = new InstanceMachine(this, clock, health);
    this.actions = new LifecycleActions(this, clock, ids, new LifecycleEvents(ids, region, accountId), events);
    this.reconciler = new GroupReconciler(this, clock, ec2, actions, launcher);
    this.autoScaling = new AutoScaling(this, reconciler, actions);
    this.ec2Commands = new Ec2(this, ids, launcher, ec2);
  }

  /** Returns the Auto Scaling commands. */
  public AutoScaling autoScaling() {
    return autoScaling;
  }

  /** Returns the EC2 commands. */
  public Ec2 ec2() {
    return ec2Commands;
  }

  /** Writes the simulated instances' console output. */
  ConsoleWriter console() {
    return console;
  }

  /** Sets how long a console line takes to reach the buffered (non-Latest) view of GetConsoleOutput. */
  public void consolePostDelay(java.time.Duration delay) {
    console.postDelay(delay);
  }

  /** Returns the event bus (for stats). */
  public EventBus events() {
    return events;
  }

  void locked(Runnable r) {
    synchronized (this) {
      r.run();
    }
  }

  // ---------------------------------------------------------------- bookkeeping

  /** Counts one API call by action name (thread-safe, no lock needed). */
  public void countCall(String action) {
    apiCalls.computeIfAbsent(action, k -> new LongAdder()).increment();
  }

  /** Returns API call counts by action, sorted by name. */
  public Map<String, Long> apiCallCounts() {
    Map<String, Long> out = new TreeMap<>();
    apiCalls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void record(SimInstance i, TimelineEntry.Kind kind, String from, String to) {
    record(i, kind, from, to, clock.now());
  }

  /** Records a boot or health milestone: HEALTH entries carry only these (the overloads below refuse HEALTH). */
  void record(SimInstance i, TimelineEntry.Milestone milestone) {
    record(i, milestone, clock.now());
  }

  void record(SimInstance i, TimelineEntry.Milestone milestone, Instant at) {
    timeline.add(new TimelineEntry(at, i.id, i.groupName, TimelineEntry.Kind.HEALTH, null, milestone.text()));
  }

  void record(SimInstance i, TimelineEntry.Kind kind, String from, String to, Instant at) {
    if (kind == TimelineEntry.Kind.HEALTH) {
      throw new IllegalArgumentException("a HEALTH entry is recorded as a Milestone, got " + to);
    }
    timeline.add(new TimelineEntry(at, i.id, i.groupName, kind, from, to));
  }

  /** Records an activity about instance {@code i}, which it follows until the instance gets where it was going. */
  Activity activity(Group g, SimInstance i, String description, String cause) {
    Activity a = addActivity(g, description, "At " + awsSecond(clock.now()) + " " + cause + ".", null);
    Instant now = clock.now();
    // A new activity for the instance supersedes the one still following it.
    if (i.activity != null) {
      i.activity.cancel(now, "Superseded by: " + description + ".");
    }
    i.activity = a.onLifecycle(i.lifecycle, now) ? null : a;
    return a;
  }

  void failedActivity(Group g, String description) {
    addActivity(g, description, "At " + awsSecond(clock.now()) + " an instance was started in response to a difference "
        + "between desired and actual capacity.", "Failed");
  }

  private static Instant awsSecond(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private Activity addActivity(Group g, String description, String cause, String finishedAs) {
    Instant now = clock.now();
    Activity a = new Activity(ids.uuid(), g.name, g.arn, description, cause, now,
        "{\"Subnet ID\":\"subnet-0\",\"Availability Zone\":\"" + g.zone(region, 0) + "\"}", finishedAs);
    g.activities.add(0, a);
    if (g.activities.size() > Group.ACTIVITY_LIMIT) {
      g.activities.remove(g.activities.size() - 1);
    }
    return a;
  }

  // ---------------------------------------------------------------- calls between the parts

  void register(SimInstance i) {
    instances.put(i.id, i);
  }

  boolean isLive(Group g) {
    return groups.get(g.name) == g;
  }

  void osUp(SimInstance i) {
    reconciler.scheduleHealthCheck(i);
  }

  void ec2Changed(SimInstance i) {
    reconciler.advance(i);
  }

  void ec2Terminated(SimInstance i) {
    launcher.terminated();
    terminated.addLast(i);
    if (terminated.size() > TERMINATED_KEPT) {
      instances.remove(terminated.removeFirst().id);
    }
    reconciler.terminated(i);
  }

  void terminateEc2(SimInstance i) {
    ec2.terminate(i);
  }

  void actionsDone(SimInstance i, Hook.Transition transition, Hook.Result result) {
    reconciler.actionsDone(i, transition, result);
  }

  // ---------------------------------------------------------------- queries

  /** Returns the group, or fails with Auto Scaling's "not found" error. */
  public Group group(String name) {
    Group g = groups.get(name);
    if (g == null) {
      throw ApiException.validation("AutoScalingGroup name not found - " + Check.echo(name));
    }
    return g;
  }

  /** Returns the group with this name, or null. */
  public Group findGroup(String name) {
    return groups.get(name);
  }

  /** Returns the groups by name. */
  public Collection<Group> groups() {
    return Collections.unmodifiableCollection(groups.values());
  }

  /** Returns the instance with this id (terminated ones too), or null. */
  public SimInstance instance(String id) {
    return instances.get(id);
  }

  /** Returns every instance launched, in launch order, but for the oldest beyond {@link #TERMINATED_KEPT} terminated ones. */
  public Collection<SimInstance> instances() {
    return Collections.unmodifiableCollection(instances.values());
  }

  /** Returns the launch template with this id, or null. */
  public LaunchTemplate template(String id) {
    return templates.get(id);
  }

  /** Returns the launch template with this name, or null. */
  public LaunchTemplate templateByName(String name) {
    for (LaunchTemplate lt : templates.values()) {
      if (lt.name.equals(name)) {
        return lt;
      }
    }
    return null;
  }

  /** Returns the launch templates in creation order. */
  public Collection<LaunchTemplate> templates() {
    return Collections.unmodifiableCollection(templates.values());
  }

  /** Returns whether a health endpoint failed to bind for the instance. */
  public boolean healthFailed(SimInstance i) {
    return health.failed(i);
  }

  public synchronized List<TimelineEntry> timeline() {
    return timeline.entries();
  }

  public synchronized List<TimelineEntry> timeline(String instanceId) {
    return timeline.entries(instanceId);
  }

  public synchronized List<InstanceSnapshot> snapshots() {
    List<InstanceSnapshot> out = new ArrayList<>(instances.size());
    for (SimInstance i : instances.values()) {
      out.add(snapshot(i));
    }
    return out;
  }

  public synchronized InstanceSnapshot snapshot(String id) {
    SimInstance i = instances.get(id);
    return i == null ? null : snapshot(i);
  }

  private static InstanceSnapshot snapshot(SimInstance i) {
    boolean inGroup = i.group != null;
    return new InstanceSnapshot(i.id, inGroup ? i.group.name : null, inGroup ? i.lifecycle.wire() : null,
        i.ec2State.wire(), i.privateIp, i.healthPort, i.profile.name(), i.launchTime, i.healthy(), i.corrupted,
        i.abandoned, i.unhealthy, i.warm && inGroup);
  }

  /** Returns the active lifecycle actions, oldest first. */
  public synchronized List<ActionSnapshot> activeActions() {
    return actions.active().stream()
        .sorted(Comparator.comparing((LifecycleAction a) -> a.started).thenComparing(a -> a.token))
        .map(a -> new ActionSnapshot(a.token, a.instance.id, a.hook.groupName, a.hook.name, a.transition.wire(),
            a.origin.wire(), a.destination.wire(), a.started, a.deadline, a.globalDeadline))
        .toList();
  }
}
