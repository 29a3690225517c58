package io.warmgate.emulator.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Auto Scaling and EC2 world: groups, warm pools, hooks, lifecycle actions and the EC2
 * state machine of each simulated instance.
 *
 * <p>Every method that reads or changes state must run while holding this object's monitor
 * ({@code synchronized (engine)}); timers take it themselves. Outgoing work (events, health
 * endpoints) is handed off without blocking.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int TIMELINE_LIMIT = 2_000_000;
  private static final int ACTIVITY_LIMIT = 1_000;
  /** How long after its OS is up a broken instance fails its EC2 status check (inferred, typical). */
  private static final Duration STATUS_CHECK_FAILS_AFTER = Duration.ofMinutes(2);

  public final EmulatorClock clock;
  public final String region;
  public final String accountId;
  private final Random ids;
  private final long seed;
  private final Map<String, BootProfile> profiles;
  private final String defaultProfile;
  private final int defaultHealthPort;
  private final int ipSecondOctet;
  private final EventBus events;
  private final HealthEndpoints health;
  private final ObjectMapper json = new ObjectMapper();

  public final Map<String, LaunchTemplate> templates = new LinkedHashMap<>();
  public final Map<String, Group> groups = new TreeMap<>();
  public final Map<String, SimInstance> instances = new LinkedHashMap<>();
  private final Map<String, LifecycleAction> actions = new HashMap<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private final Map<String, LongAdder> apiCalls = new ConcurrentHashMap<>();
  private long instanceSeq;

  /** Creates an empty world. */
  public Engine(EmulatorClock clock, long seed, String region, String accountId,
      Map<String, BootProfile> profiles, String defaultProfile, int defaultHealthPort,
      int ipSecondOctet, EventBus events, HealthEndpoints health) {
    this.clock = clock;
    this.seed = seed;
    this.ids = new Random(seed);
    this.region = region;
    this.accountId = accountId;
    this.profiles = Map.copyOf(profiles);
    this.defaultProfile = defaultProfile;
    this.defaultHealthPort = defaultHealthPort;
    this.ipSecondOctet = ipSecondOctet;
    this.events = events;
    this.health = health;
  }

  // ---------------------------------------------------------------- ids and bookkeeping

  private static final java.time.format.DateTimeFormatter AWS_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** Formats an instant as AWS does in events and XML: UTC with milliseconds, {@code 2021-01-13T00:12:37.214Z}. */
  public static String awsTime(Instant at) {
    return AWS_TIME.format(at);
  }

  /** Returns n random lowercase hex digits from the seeded source. */
  public String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(ids.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** Returns a random (version 4) UUID from the seeded source. */
  public String uuid() {
    long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

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

  public synchronized List<TimelineEntry> timeline() {
    return List.copyOf(timeline);
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

  /** Returns the active lifecycle actions, oldest first. */
  public synchronized List<io.warmgate.emulator.ActionSnapshot> activeActions() {
    return actions.values().stream()
        .sorted(Comparator.comparing((LifecycleAction a) -> a.started).thenComparing(a -> a.token))
        .map(a -> new io.warmgate.emulator.ActionSnapshot(a.token, a.instance.id, a.hook.groupName, a.hook.name,
            a.transition, a.origin, a.destination, a.started, a.deadline, a.globalDeadline))
        .toList();
  }

  private InstanceSnapshot snapshot(SimInstance i) {
    return new InstanceSnapshot(i.id, i.group != null ? i.group.name : null,
        i.group != null ? i.lifecycle : null, i.ec2State, i.privateIp, i.healthPort, i.profile.name(),
        i.launchTime, i.healthy(), i.corrupted, i.abandoned, i.unhealthy, i.warm && i.group != null);
  }

  private void record(SimInstance i, TimelineEntry.Kind kind, String from, String to) {
    record(i, kind, from, to, clock.now());
  }

  private void record(SimInstance i, TimelineEntry.Kind kind, String from, String to, Instant at) {
    if (timeline.size() < TIMELINE_LIMIT) {
      timeline.add(new TimelineEntry(at, i.id, i.groupName, kind, from, to));
    }
  }

  private void setLifecycle(SimInstance i, String state) {
    String from = i.lifecycle;
    if (state.equals(from)) {
      return;
    }
    i.lifecycle = state;
    record(i, TimelineEntry.Kind.LIFECYCLE, from, state);
    LOG.debug("{} {} -> {}", i.id, from, state);
  }

  private void setEc2(SimInstance i, String state) {
    String from = i.ec2State;
    i.ec2State = state;
    record(i, TimelineEntry.Kind.EC2, from, state);
  }

  private void locked(Runnable r) {
    synchronized (this) {
      r.run();
    }
  }

  // ---------------------------------------------------------------- launch templates

  /** Creates a launch template; the caller has validated the name is free. */
  public LaunchTemplate createLaunchTemplate(String name, String imageId, String instanceType,
      Map<String, String> tags, Map<String, String> instanceTags) {
    String profile = tags.getOrDefault(BootProfile.TAG, instanceTags.get(BootProfile.TAG));
    if (profile != null && !profiles.containsKey(profile)) {
      throw new ApiException(400, "InvalidParameterValue", "Unknown " + BootProfile.TAG + " '" + profile
          + "'; known profiles: " + new TreeMap<>(profiles).keySet());
    }
    String port = tags.getOrDefault(BootProfile.HEALTH_PORT_TAG, instanceTags.get(BootProfile.HEALTH_PORT_TAG));
    if (port != null) {
      parsePort(port);
    }
    LaunchTemplate lt = new LaunchTemplate("lt-0" + hex(16), name, clock.now(), imageId, instanceType, tags,
        instanceTags);
    templates.put(lt.id, lt);
    return lt;
  }

  private static int parsePort(String port) {
    try {
      int p = Integer.parseInt(port.trim());
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "InvalidParameterValue",
          BootProfile.HEALTH_PORT_TAG + " must be a port number 1-65535, got '" + port + "'");
    }
  }

  public LaunchTemplate templateByName(String name) {
    for (LaunchTemplate lt : templates.values()) {
      if (lt.name.equals(name)) {
        return lt;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- groups

  /** Creates a group and launches toward its desired capacity. */
  public Group createGroup(String name) {
    Group g = new Group(name, "arn:aws:autoscaling:" + region + ":" + accountId + ":autoScalingGroup:" + uuid()
        + ":autoScalingGroupName/" + name, clock.now());
    groups.put(name, g);
    return g;
  }

  /** Creates a detached hook for a group; the caller adds it to the group. */
  public Hook newHook(String name, String groupName) {
    return new Hook(name, groupName);
  }

  public Group group(String name) {
    Group g = groups.get(name);
    if (g == null) {
      throw ApiException.validation("AutoScalingGroup name not found - " + name);
    }
    return g;
  }

  /**
   * Deletes a group. Without force it must be empty: instances in it fail with ResourceInUse,
   * instances still terminating with ScalingActivityInProgress. With force, its instances are
   * terminated (without hooks) and their lifecycle actions dropped.
   */
  public void deleteGroup(Group g, boolean force) {
    boolean busy = g.instances.stream().anyMatch(i -> !"terminated".equals(i.ec2State));
    if (busy && !force) {
      if (g.desired > 0 || g.instances.stream().anyMatch(i -> !i.leaving())) {
        throw new ApiException(400, "ResourceInUse",
            "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
      }
      // Instances still on their way out (a terminating hook may hold them): AWS refuses until
      // they are gone rather than cutting their lifecycle actions short.
      throw new ApiException(400, "ScalingActivityInProgress",
          "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.");
    }
    for (SimInstance i : List.copyOf(g.instances)) {
      cancelActions(i);
      terminateEc2(i);
      i.group = null;
    }
    g.instances.clear();
    groups.remove(g.name);
  }

  /** Brings the group and its warm pool toward their target sizes. */
  public void reconcile(Group g) {
    if (groups.get(g.name) != g) {
      return;
    }
    List<SimInstance> inGroup = new ArrayList<>();
    List<SimInstance> pool = new ArrayList<>();
    for (SimInstance i : g.instances) {
      if (i.leaving()) {
        continue;
      }
      (i.warm ? pool : inGroup).add(i);
    }
    int diff = g.desired - inGroup.size();
    while (diff > 0) {
      SimInstance warm = pool.stream()
          .filter(i -> i.lifecycle.equals("Warmed:Stopped") || i.lifecycle.equals("Warmed:Running")
              || i.lifecycle.equals("Warmed:Hibernated"))
          .min(Comparator.comparingLong(i -> i.sequence))
          .orElse(null);
      if (warm != null) {
        pool.remove(warm);
        warmStart(warm);
      } else {
        launch(g, false);
      }
      diff--;
    }
    if (diff < 0) {
      List<SimInstance> victims = inGroup.stream()
          .filter(i -> !i.protectedFromScaleIn)
          .sorted(Comparator.comparing((SimInstance i) -> i.lifecycle.equals("InService") ? 1 : 0)
              .thenComparingLong(i -> i.sequence))
          .toList();
      for (int k = 0; k < -diff && k < victims.size(); k++) {
        scaleIn(victims.get(k));
      }
      // Reused instances join the pool, so recount it below.
      pool.clear();
      for (SimInstance i : g.instances) {
        if (i.warm && !i.leaving()) {
          pool.add(i);
        }
      }
    }
    if (g.warmPool == null) {
      return;
    }
    if ("PendingDelete".equals(g.warmPool.status)) {
      for (SimInstance i : pool) {
        leavePool(i);
      }
      if (g.instances.stream().noneMatch(i -> i.warm)) {
        g.warmPool = null;
      }
      return;
    }
    int target = g.warmPoolTarget();
    int poolDiff = target - pool.size();
    for (int k = 0; k < poolDiff; k++) {
      launch(g, true);
    }
    if (poolDiff < 0) {
      // Trim the least prepared instances first, newest first among equals.
      List<SimInstance> victims = pool.stream()
          .sorted(Comparator.comparing((SimInstance i) -> i.lifecycle.startsWith("Warmed:Pending") ? 0 : 1)
              .thenComparing(Comparator.comparingLong((SimInstance i) -> i.sequence).reversed()))
          .toList();
      for (int k = 0; k < -poolDiff; k++) {
        leavePool(victims.get(k));
      }
    }
  }

  private void leavePool(SimInstance i) {
    cancelActions(i);
    enterPhase(i, "Warmed:Terminating", Hook.TERMINATING, "WarmPool", "EC2");
  }

  private void scaleIn(SimInstance i) {
    cancelActions(i);
    Group g = i.group;
    if (g.warmPool != null && g.warmPool.reuseOnScaleIn && g.warmPool.status == null) {
      i.warm = true;
      activity(g, "Moving EC2 instance to warm pool: " + i.id, "an instance was taken out of service in response to a difference between desired and actual capacity");
      enterPhase(i, "Warmed:Pending", Hook.TERMINATING, "AutoScalingGroup", "WarmPool");
    } else {
      activity(g, "Terminating EC2 instance: " + i.id, "an instance was taken out of service in response to a difference between desired and actual capacity");
      enterPhase(i, "Terminating", Hook.TERMINATING, "AutoScalingGroup", "EC2");
    }
  }

  /** Terminates one group instance, optionally lowering desired capacity (TerminateInstanceInAutoScalingGroup). */
  public Activity terminateInGroup(SimInstance i, boolean decrement) {
    Group g = i.group;
    if (decrement && !i.warm) {
      if (g.desired <= g.minSize) {
        throw ApiException.validation("Currently, desiredCapacity (" + g.desired + ") is at min size(" + g.minSize
            + "). Cannot decrement below min size");
      }
      g.desired--;
    }
    cancelActions(i);
    Activity a = activity(g, "Terminating EC2 instance: " + i.id,
        "an instance was taken out of service in response to a user request"
            + (decrement ? ", shrinking the capacity" : ""));
    if (i.warm) {
      enterPhase(i, "Warmed:Terminating", Hook.TERMINATING, "WarmPool", "EC2");
    } else {
      enterPhase(i, "Terminating", Hook.TERMINATING, "AutoScalingGroup", "EC2");
    }
    reconcile(g);
    return a;
  }

  private Activity activity(Group g, String description, String cause) {
    Instant now = clock.now();
    Activity a = new Activity(uuid(), g.name, g.arn, description,
        "At " + now + " " + cause + ".", now, now, "Successful",
        "{\"Subnet ID\":\"subnet-0\",\"Availability Zone\":\"" + (g.availabilityZones.isEmpty() ? region + "a"
            : g.availabilityZones.get(0)) + "\"}");
    g.activities.add(0, a);
    if (g.activities.size() > ACTIVITY_LIMIT) {
      g.activities.remove(g.activities.size() - 1);
    }
    return a;
  }

  // ---------------------------------------------------------------- instances and lifecycle paths

  private SimInstance launch(Group g, boolean warm) {
    LaunchTemplate lt = g.launchTemplate;
    String profileName = lt != null && lt.setting(BootProfile.TAG) != null ? lt.setting(BootProfile.TAG) : defaultProfile;
    BootProfile profile = profiles.getOrDefault(profileName, profiles.get(defaultProfile));
    String portTag = lt != null ? lt.setting(BootProfile.HEALTH_PORT_TAG) : null;
    int port = portTag != null ? parsePort(portTag) : defaultHealthPort;
    String az = g.availabilityZones.isEmpty() ? region + "a" : g.availabilityZones.get(g.nextAz++ % g.availabilityZones.size());
    long seq = ++instanceSeq;
    SimInstance i = new SimInstance("i-0" + hex(16), "r-0" + hex(16), ip(seq), port, az, profile, lt, seq,
        new Random(seed * 31 + seq));
    i.group = g;
    i.groupName = g.name;
    i.warm = warm;
    i.protectedFromScaleIn = g.newInstancesProtectedFromScaleIn;
    if (lt != null) {
      i.tags.putAll(lt.instanceTags);
    }
    for (Group.Tag t : g.tags.values()) {
      if (t.propagateAtLaunch()) {
        i.tags.put(t.key(), t.value());
      }
    }
    i.tags.put("aws:autoscaling:groupName", g.name);
    if (lt != null) {
      i.tags.put("aws:ec2launchtemplate:id", lt.id);
      i.tags.put("aws:ec2launchtemplate:version", "1");
    }
    instances.put(i.id, i);
    g.instances.add(i);
    startBoot(i);
    if (warm) {
      activity(g, "Launching a new EC2 instance into warm pool: " + i.id,
          "an instance was launched in response to a difference between desired and actual warm pool capacity");
      enterPhase(i, "Warmed:Pending", Hook.LAUNCHING, "EC2", "WarmPool");
    } else {
      activity(g, "Launching a new EC2 instance: " + i.id,
          "an instance was started in response to a difference between desired and actual capacity");
      enterPhase(i, "Pending", Hook.LAUNCHING, "EC2", "AutoScalingGroup");
    }
    return i;
  }

  /** Returns the loopback address of the n-th instance: 127.B.x.y, skipping .0 and .255. */
  private String ip(long n) {
    long host = n - 1;
    long third = host / 254;
    long fourth = host % 254 + 1;
    return "127." + ipSecondOctet + "." + (third % 256) + "." + fourth;
  }

  private void warmStart(SimInstance i) {
    i.warm = false;
    activity(i.group, "Launching a new EC2 instance from warm pool: " + i.id,
        "an instance was moved from the warm pool in response to a difference between desired and actual capacity");
    if (i.ec2State.equals("stopped")) {
      startBoot(i);
    }
    enterPhase(i, "Pending", Hook.LAUNCHING, "WarmPool", "AutoScalingGroup");
  }

  private void enterPhase(SimInstance i, String state, String transition, String origin, String destination) {
    setLifecycle(i, state);
    List<Hook> hooks = i.group.hooks.values().stream().filter(h -> transition.equals(h.transition)).toList();
    if (hooks.isEmpty()) {
      advance(i);
      return;
    }
    setLifecycle(i, state + ":Wait");
    for (Hook h : hooks) {
      startAction(i, h, origin, destination);
    }
  }

  /** Moves an instance on when nothing holds it: called after every EC2 or lifecycle change. */
  private void advance(SimInstance i) {
    if (i.group == null || i.lifecycle == null) {
      return;
    }
    switch (i.lifecycle) {
      case "Warmed:Pending" -> {
        if (i.ec2State.equals("running") || i.ec2State.equals("stopped")) {
          setLifecycle(i, "Warmed:Pending:Proceed");
          advance(i);
        }
      }
      case "Warmed:Pending:Proceed" -> {
        String poolState = i.group.warmPool != null ? i.group.warmPool.poolState : "Stopped";
        if (poolState.equals("Running")) {
          if (i.ec2State.equals("running")) {
            setLifecycle(i, "Warmed:Running");
          } else if (i.ec2State.equals("stopped")) {
            startBoot(i);
          }
        } else if (i.ec2State.equals("running")) {
          // AWS stops the instance as soon as it runs: no wait for user data or first-boot setup.
          stopEc2(i, poolState.equals("Hibernated"));
        } else if (i.ec2State.equals("stopped")) {
          setLifecycle(i, "Warmed:" + poolState);
          reconcile(i.group);
        }
      }
      case "InService" -> {
        if (i.ec2State.equals("stopped") && !i.unhealthy) {
          // Stopped behind Auto Scaling's back (EC2 StopInstances): any state but running fails
          // the EC2 health check, so the instance is replaced, as AWS documents.
          replaceUnhealthy(i, "an instance was taken out of service in response to an EC2 health check indicating "
              + "it has been terminated or stopped");
        }
      }
      case "Pending", "Pending:Proceed" -> {
        if (i.ec2State.equals("running")) {
          setLifecycle(i, "InService");
          scheduleHealthCheck(i);
        } else if (i.ec2State.equals("stopped")) {
          startBoot(i);
        }
      }
      case "Terminating", "Terminating:Proceed", "Warmed:Terminating", "Warmed:Terminating:Proceed" -> {
        if (i.ec2State.equals("terminated")) {
          finishTermination(i);
        } else {
          terminateEc2(i);
        }
      }
      default -> { }
    }
  }

  private void finishTermination(SimInstance i) {
    Group g = i.group;
    setLifecycle(i, i.warm ? "Warmed:Terminated" : "Terminated");
    g.instances.remove(i);
    i.group = null;
    reconcile(g);
  }

  // ---------------------------------------------------------------- lifecycle actions

  private void startAction(SimInstance i, Hook h, String origin, String destination) {
    Instant now = clock.now();
    LifecycleAction a = new LifecycleAction(uuid(), i, h, origin, destination, now);
    actions.put(a.token, a);
    i.actions.put(h.name, a);
    a.timer = clock.scheduleNonBlockingAt(a.deadline, () -> locked(() -> expire(a)));
    record(i, TimelineEntry.Kind.ACTION, null, "started " + h.name + " " + a.token, a.started);
    events.emit(eventJson(a, now));
  }

  private void expire(LifecycleAction a) {
    if (actions.get(a.token) != a) {
      return;
    }
    if (clock.now().isBefore(a.deadline)) {
      // A heartbeat moved the deadline after this timer was armed.
      a.timer = clock.scheduleNonBlockingAt(a.deadline, () -> locked(() -> expire(a)));
      return;
    }
    expireIfDue(a);
  }

  /** Finds the active action for a group and hook by token or instance id, or fails as AWS does. */
  public LifecycleAction findAction(String groupName, String hookName, String token, String instanceId) {
    if (token != null) {
      LifecycleAction a = actions.get(token);
      if (a == null || !a.hook.name.equals(hookName) || !a.hook.groupName.equals(groupName)) {
        throw ApiException.validation("No active Lifecycle Action found with token " + token);
      }
      if (instanceId != null && !instanceId.equals(a.instance.id)) {
        throw ApiException.validation("No active Lifecycle Action found with token " + token);
      }
      if (expireIfDue(a)) {
        throw ApiException.validation("No active Lifecycle Action found with token " + token);
      }
      return a;
    }
    if (instanceId == null) {
      throw ApiException.validation("Either LifecycleActionToken or InstanceId must be specified");
    }
    SimInstance i = instances.get(instanceId);
    LifecycleAction a = i == null ? null : i.actions.get(hookName);
    if (a == null || !a.hook.groupName.equals(groupName) || expireIfDue(a)) {
      throw ApiException.validation("No active Lifecycle Action found with instance ID " + instanceId);
    }
    return a;
  }

  /**
   * Applies the default result now if the action's deadline has passed. The expiry timer may run
   * a little late (its thread waits for this lock, and at high clock speeds a real millisecond is
   * many simulated seconds): a heartbeat or completion in that gap must not revive an action that
   * AWS has already timed out.
   */
  private boolean expireIfDue(LifecycleAction a) {
    if (clock.now().isBefore(a.deadline)) {
      return false;
    }
    record(a.instance, TimelineEntry.Kind.ACTION, null, "expired " + a.hook.name + " -> " + a.hook.defaultResult);
    finishAction(a, a.hook.defaultResult);
    return true;
  }

  /** Completes an action with CONTINUE or ABANDON. */
  public void complete(LifecycleAction a, String result) {
    record(a.instance, TimelineEntry.Kind.ACTION, null, result + " " + a.hook.name);
    finishAction(a, result);
  }

  /** Extends an action's deadline to now + heartbeat timeout, capped by the global timeout. */
  public void heartbeat(LifecycleAction a) {
    Instant now = clock.now();
    a.deadline = LifecycleAction.min(now.plus(a.hook.heartbeat()), a.globalDeadline);
    record(a.instance, TimelineEntry.Kind.ACTION, null, "heartbeat " + a.hook.name + " until " + a.deadline, now);
  }

  private void finishAction(LifecycleAction a, String result) {
    actions.remove(a.token);
    if (a.timer != null) {
      a.timer.cancel(false);
    }
    SimInstance i = a.instance;
    i.actions.remove(a.hook.name);
    if (i.group == null) {
      return;
    }
    String base = i.lifecycle.endsWith(":Wait") ? i.lifecycle.substring(0, i.lifecycle.length() - 5) : i.lifecycle;
    if (result.equals("ABANDON")) {
      cancelActions(i);
      if (a.transition.equals(Hook.LAUNCHING)) {
        i.abandoned = true;
        Group g = i.group;
        activity(g, "Terminating EC2 instance: " + i.id, "a lifecycle action with result ABANDON was received for the instance");
        setLifecycle(i, i.warm ? "Warmed:Terminating:Proceed" : "Terminating:Proceed");
        advance(i);
        reconcile(g);
        return;
      }
      setLifecycle(i, base + ":Proceed");
      advance(i);
      return;
    }
    if (i.actions.isEmpty()) {
      setLifecycle(i, base + ":Proceed");
      advance(i);
    }
  }

  private void cancelActions(SimInstance i) {
    for (LifecycleAction a : List.copyOf(i.actions.values())) {
      actions.remove(a.token);
      if (a.timer != null) {
        a.timer.cancel(false);
      }
      record(i, TimelineEntry.Kind.ACTION, null, "cancelled " + a.hook.name);
    }
    i.actions.clear();
  }

  /**
   * Completes the hook's outstanding actions as DeleteLifecycleHook does: ABANDON for launching
   * instances, CONTINUE for terminating ones.
   */
  public void releaseActions(Hook h) {
    for (LifecycleAction a : List.copyOf(actions.values())) {
      // Finishing one action reconciles the group, which may already have cancelled a later one.
      if (a.hook == h && actions.get(a.token) == a) {
        finishAction(a, a.transition.equals(Hook.LAUNCHING) ? "ABANDON" : "CONTINUE");
      }
    }
  }

  // Field for field the AWS sample kept in the tests: samples/eventbridge-launch-lifecycle-action.json.
  private String eventJson(LifecycleAction a, Instant now) {
    ObjectNode root = json.createObjectNode();
    root.put("version", "0");
    root.put("id", uuid());
    root.put("detail-type", a.transition.equals(Hook.LAUNCHING)
        ? "EC2 Instance-launch Lifecycle Action" : "EC2 Instance-terminate Lifecycle Action");
    root.put("source", "aws.autoscaling");
    root.put("account", accountId);
    root.put("time", awsTime(now));
    root.put("region", region);
    root.putArray("resources").add(a.instance.group.arn);
    ObjectNode detail = root.putObject("detail");
    detail.put("LifecycleActionToken", a.token);
    detail.put("AutoScalingGroupName", a.hook.groupName);
    detail.put("LifecycleHookName", a.hook.name);
    detail.put("EC2InstanceId", a.instance.id);
    detail.put("LifecycleTransition", a.transition);
    if (a.hook.notificationMetadata != null) {
      detail.put("NotificationMetadata", a.hook.notificationMetadata);
    }
    detail.put("Origin", a.origin);
    detail.put("Destination", a.destination);
    return root.toString();
  }

  // ---------------------------------------------------------------- EC2 state machine

  private void startBoot(SimInstance i) {
    int gen = ++i.bootGen;
    i.launchTime = clock.now();
    i.ready = false;
    i.osUp = false;
    setEc2(i, "pending");
    Duration pending = i.profile.pending().sample(i.random);
    clock.scheduleNonBlocking(pending, () -> locked(() -> {
      if (i.bootGen == gen && i.ec2State.equals("pending")) {
        becomeRunning(i, gen);
      }
    }));
  }

  private void becomeRunning(SimInstance i, int gen) {
    setEc2(i, "running");
    BootProfile p = i.profile;
    Duration toOs = p.osBoot().sample(i.random);
    Duration toReady = toOs;
    if (!i.corrupted && !i.setupDone && p.hasFirstBootSetup()) {
      // The application may answer before EC2Launch has saved its state: a stop in that window
      // still corrupts the instance, which is why a gate needs a settle delay after "healthy".
      Duration setupEnd = toOs.plus(p.firstBootSetup().sample(i.random));
      Duration toSaved = setupEnd.plus(p.saveState());
      toReady = setupEnd;
      clock.scheduleNonBlocking(toSaved, () -> locked(() -> {
        if (i.bootGen == gen && i.ec2State.equals("running") && !i.corrupted) {
          i.setupDone = true;
          record(i, TimelineEntry.Kind.HEALTH, null, "setup-saved");
        }
      }));
    }
    toReady = toReady.plus(p.appStart().sample(i.random));
    clock.scheduleNonBlocking(toOs, () -> locked(() -> {
      if (i.bootGen == gen && i.ec2State.equals("running")) {
        i.osUp = true;
        health.open(i);
        record(i, TimelineEntry.Kind.HEALTH, null, "os-up");
        scheduleHealthCheck(i);
      }
    }));
    if (!i.corrupted) {
      clock.scheduleNonBlocking(toReady, () -> locked(() -> {
        if (i.bootGen == gen && i.ec2State.equals("running") && !i.corrupted) {
          i.ready = true;
          record(i, TimelineEntry.Kind.HEALTH, null, "healthy");
        }
      }));
    }
    advance(i);
  }

  /**
   * Arms the EC2 status check of a corrupted in-service instance: it fails a while after the OS
   * is up, Auto Scaling then marks the instance Unhealthy and replaces it, as with an instance
   * broken by an interrupted first boot.
   */
  private void scheduleHealthCheck(SimInstance i) {
    if (!i.corrupted || !i.osUp || i.group == null || i.warm || !"InService".equals(i.lifecycle)) {
      return;
    }
    int gen = i.bootGen;
    Group g = i.group;
    Duration delay = STATUS_CHECK_FAILS_AFTER.plusSeconds(g.healthCheckGracePeriod);
    clock.scheduleNonBlocking(delay, () -> locked(() -> {
      if (i.bootGen != gen || i.group != g || !"InService".equals(i.lifecycle) || i.unhealthy) {
        return;
      }
      replaceUnhealthy(i, "an instance was taken out of service in response to an EC2 instance status checks failure");
    }));
  }

  /** Marks an in-service instance Unhealthy, terminates it (terminating hooks apply) and replaces it. */
  private void replaceUnhealthy(SimInstance i, String cause) {
    Group g = i.group;
    i.unhealthy = true;
    record(i, TimelineEntry.Kind.HEALTH, null, "unhealthy");
    activity(g, "Terminating EC2 instance: " + i.id, cause);
    enterPhase(i, "Terminating", Hook.TERMINATING, "AutoScalingGroup", "EC2");
    reconcile(g);
  }

  /** Stops a running instance; a plain stop before its first-boot setup is saved corrupts it. */
  public void stopEc2(SimInstance i, boolean hibernate) {
    if (!i.ec2State.equals("running")) {
      return;
    }
    int gen = ++i.bootGen;
    if (!hibernate && !i.corrupted && i.profile.hasFirstBootSetup() && !i.setupDone) {
      i.corrupted = true;
      record(i, TimelineEntry.Kind.HEALTH, null, "corrupted");
    }
    i.ready = false;
    i.osUp = false;
    health.close(i);
    i.stateReason = hibernate ? "User initiated (hibernate)" : "User initiated";
    setEc2(i, "stopping");
    clock.scheduleNonBlocking(i.profile.stopping(), () -> locked(() -> {
      if (i.bootGen == gen && i.ec2State.equals("stopping")) {
        setEc2(i, "stopped");
        advance(i);
      }
    }));
  }

  /** Starts a stopped instance; LaunchTime becomes now. */
  public void startEc2(SimInstance i) {
    if (i.ec2State.equals("stopped")) {
      startBoot(i);
    }
  }

  /** Terminates an instance (EC2 side); Auto Scaling notices when it reaches terminated. */
  public void terminateEc2(SimInstance i) {
    if (i.ec2State.equals("terminated") || i.ec2State.equals("shutting-down")) {
      return;
    }
    int gen = ++i.bootGen;
    i.ready = false;
    i.osUp = false;
    health.close(i);
    setEc2(i, "shutting-down");
    clock.scheduleNonBlocking(i.profile.shuttingDown(), () -> locked(() -> {
      if (i.bootGen == gen && i.ec2State.equals("shutting-down")) {
        setEc2(i, "terminated");
        i.terminatedAt = clock.now();
        onTerminated(i);
      }
    }));
  }

  private void onTerminated(SimInstance i) {
    if (i.group == null) {
      return;
    }
    if (!i.leaving()) {
      // Terminated behind Auto Scaling's back (EC2 TerminateInstances): it notices and replaces it.
      cancelActions(i);
    }
    finishTermination(i);
  }

  /** Returns whether a health endpoint failed to bind for the instance. */
  public boolean healthFailed(SimInstance i) {
    return health.failed(i);
  }

  /** Returns the event bus (for stats). */
  public EventBus events() {
    return events;
  }
}
