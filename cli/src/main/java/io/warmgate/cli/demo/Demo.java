package io.warmgate.cli.demo;

import static io.warmgate.core.model.Durations.human;
import static io.warmgate.core.model.Durations.humanRounded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.cli.progress.ProgressRenderer;
import io.warmgate.cli.progress.StoryProgress;
import io.warmgate.cli.report.HtmlReportRenderer;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.WarmPoolEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Runs the demo: starts the embedded emulator, creates the three stories' groups through the AWS API,
 * fills their warm pools, scales them out together and measures what a user would see.
 *
 * <p>Every story runs on the same emulator and the same accelerated clock, so the stories differ only in
 * their hook and gate. The gates come from a {@link GateFactory}. One run per instance; not thread-safe.
 */
public final class Demo {

  /** Creates the gate of one story. */
  @FunctionalInterface
  public interface GateFactory {
    /** Returns the gate for {@code kind}'s group ({@link StoryGate#NONE} for none). */
    StoryGate create(StoryKind kind, DemoEnvironment environment);
  }

  /** The profile name the demo's launch template selects. */
  static final String PROFILE = "windows-demo";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(60);

  private final DemoSettings settings;
  private final GateFactory gates;
  private final ProgressRenderer progress;
  private final Map<StoryKind, Tracker> trackers = new EnumMap<>(StoryKind.class);

  /**
   * @param settings the run's settings
   * @param gates creates each story's gate
   * @param progress where live progress goes
   */
  public Demo(DemoSettings settings, GateFactory gates, ProgressRenderer progress) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.gates = Objects.requireNonNull(gates, "gates");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** The Windows-like boot profile of the demo: the emulator's Windows profile with the settings' setup times. */
  static BootProfile bootProfile(DemoSettings settings) {
    Duration min = settings.setupMedian().dividedBy(2);
    Distribution setup = Distribution.logNormal(settings.setupMedian(), settings.setupSigma(), min, settings.setupMax());
    return BootProfile.windows().withName(PROFILE).withFirstBootSetup(setup, Duration.ofSeconds(20));
  }

  /**
   * Runs the three stories to the end and writes the report.
   *
   * @throws InterruptedException if interrupted; the emulator is closed
   */
  public DemoResult run() throws InterruptedException {
    long realStart = System.nanoTime();
    Map<String, StoryKind> byGroup = new HashMap<>();
    for (StoryKind kind : StoryKind.values()) {
      byGroup.put(kind.groupName(), kind);
    }
    ExecutorService sweeps = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "demo-sweep");
      t.setDaemon(true);
      return t;
    });
    try (WarmPoolEmulator emulator = WarmPoolEmulator.builder()
            .speed(settings.speed())
            .seed(settings.seed())
            .healthPort(settings.healthPort())
            .bootProfile(bootProfile(settings))
            .defaultBootProfile(PROFILE)
            .listener(json -> dispatch(json, byGroup))
            .start()) {
      DemoEnvironment env = new DemoEnvironment(emulator, settings);
      Instant start = emulator.clock().now();
      for (StoryKind kind : StoryKind.values()) {
        trackers.put(kind, new Tracker(kind, gates.create(kind, env)));
      }
      try (AwsClients clients = env.newClients()) {
        AutoScalingClient asg = clients.autoScaling();
        Ec2Client ec2 = clients.ec2();
        createScenario(asg, ec2, env);
        progress.message(String.format(Locale.ROOT,
            "emulator on %s at %.0fx; 3 groups, min %d, max %d, warm pool %d (Stopped); first-boot setup median %s",
            emulator.endpoint(), settings.speed(), settings.groupSize(), settings.maxSize(), settings.poolSize(),
            human(settings.setupMedian())));
        loop(emulator, asg, sweeps, start);
      } finally {
        trackers.values().forEach(t -> t.gate.close());
      }
      Instant end = emulator.clock().now();
      List<TimelineEntry> timeline = emulator.timeline();
      Map<String, InstanceSnapshot> snapshots = new HashMap<>();
      emulator.instances().forEach(s -> snapshots.put(s.instanceId(), s));
      List<StoryResult> results = new ArrayList<>();
      for (Tracker t : trackers.values()) {
        results.add(t.result(timeline, snapshots, start));
      }
      Duration real = Duration.ofNanos(System.nanoTime() - realStart);
      Optional<Path> report = Optional.ofNullable(settings.report()).map(path -> new HtmlReportRenderer()
          .write(DemoReport.build(settings, start, end, trackersView(), timeline, snapshots, results, real), path));
      return new DemoResult(settings, results, Duration.between(start, end), real, report, emulator.clock().maxLateness());
    } finally {
      sweeps.shutdownNow();
      sweeps.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private List<DemoReport.StoryRun> trackersView() {
    List<DemoReport.StoryRun> view = new ArrayList<>();
    for (Tracker t : trackers.values()) {
      view.add(new DemoReport.StoryRun(t.kind, Optional.ofNullable(t.scaleOutAt), Optional.ofNullable(t.servedAt),
          t.gate.decisions()));
    }
    return view;
  }

  private void createScenario(AutoScalingClient asg, Ec2Client ec2, DemoEnvironment env) {
    String template = ec2.createLaunchTemplate(r -> r.launchTemplateName("warmgate-demo-windows")
            .launchTemplateData(d -> d.imageId("ami-0windows2022demo").instanceType("m5.large"))
            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                Tag.builder().key(BootProfile.TAG).value(PROFILE).build(),
                Tag.builder().key(BootProfile.HEALTH_PORT_TAG).value(String.valueOf(settings.healthPort())).build())
                .build()))
        .launchTemplate().launchTemplateId();
    for (StoryKind kind : StoryKind.values()) {
      List<LifecycleHookSpecification> hooks = kind.hook().map(h -> List.of(LifecycleHookSpecification.builder()
          .lifecycleHookName(StoryKind.HOOK_NAME)
          .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING")
          .heartbeatTimeout(h.heartbeatTimeoutSeconds())
          .defaultResult(h.defaultResult())
          .notificationMetadata(env.notificationMetadata(kind))
          .build())).orElse(List.of());
      // The hook comes with the group, so even the group's first instances pass through it.
      asg.createAutoScalingGroup(r -> r.autoScalingGroupName(kind.groupName())
          .minSize(settings.groupSize())
          .maxSize(settings.maxSize())
          .desiredCapacity(settings.groupSize())
          .launchTemplate(t -> t.launchTemplateId(template).version("$Latest"))
          .lifecycleHookSpecificationList(hooks));
      asg.putWarmPool(r -> r.autoScalingGroupName(kind.groupName()).minSize(0).poolState(WarmPoolState.STOPPED));
    }
  }

  private void loop(WarmPoolEmulator emulator, AutoScalingClient asg, ExecutorService sweeps, Instant start)
      throws InterruptedException {
    Instant fillDeadline = start.plus(settings.fillTimeout());
    Instant nextSweep = start.plus(SWEEP_EVERY);
    long pollMillis = Math.max(50, Math.min(250, (long) (15_000 / settings.speed())));
    // A hard bound in real time, whatever happens to the simulated clock.
    Duration simBudget = settings.fillTimeout().plus(settings.scaleOutTimeout()).plusMinutes(5);
    long realDeadline = System.nanoTime() + emulator.clock().toReal(simBudget).toNanos() + TimeUnit.SECONDS.toNanos(30);
    boolean scaled = false;
    while (true) {
      Instant now = emulator.clock().now();
      List<InstanceSnapshot> snapshots = emulator.instances();
      for (Tracker t : trackers.values()) {
        t.observe(snapshots, now);
      }
      if (!scaled && (trackers.values().stream().allMatch(t -> t.filledAt != null) || now.isAfter(fillDeadline))) {
        for (Tracker t : trackers.values()) {
          int desired = settings.groupSize() + settings.scale();
          asg.setDesiredCapacity(r -> r.autoScalingGroupName(t.kind.groupName()).desiredCapacity(desired));
          t.scaleOutAt = emulator.clock().now();
        }
        scaled = true;
        progress.message("scale-out: desired " + settings.groupSize() + " -> " + (settings.groupSize() + settings.scale())
            + " in every group at +" + humanRounded(Duration.between(start, now)));
      }
      if (scaled) {
        for (Tracker t : trackers.values()) {
          t.checkDone(now, settings.scaleOutTimeout());
        }
      }
      progress.update(trackers.values().stream().map(t -> t.progress(now, start)).toList());
      if (scaled && trackers.values().stream().allMatch(t -> t.done)) {
        break;
      }
      if (System.nanoTime() > realDeadline) {
        progress.message("stopping: the demo ran past its time budget");
        break;
      }
      if (!now.isBefore(nextSweep)) {
        nextSweep = now.plus(SWEEP_EVERY);
        for (Tracker t : trackers.values()) {
          sweeps.execute(t.gate::sweep);
        }
      }
      Thread.sleep(pollMillis);
    }
    progress.finish();
  }

  private void dispatch(String json, Map<String, StoryKind> byGroup) {
    try {
      JsonNode event = JSON.readTree(json);
      StoryKind kind = byGroup.get(event.path("detail").path("AutoScalingGroupName").asText());
      Tracker tracker = kind == null ? null : trackers.get(kind);
      if (tracker != null) {
        tracker.gate.onEvent(json);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // The emulator only sends valid JSON; a bad event is dropped and the sweep catches its action.
    }
  }


  /** One story's live state during the run. */
  private final class Tracker {
    final StoryKind kind;
    final StoryGate gate;
    final Set<String> seen = new LinkedHashSet<>();
    Instant filledAt;
    Instant scaleOutAt;
    Instant servedAt;
    boolean done;
    int inServiceHealthy;
    int warmReady;
    int waiting;
    int corrupted;
    int abandoned;

    Tracker(StoryKind kind, StoryGate gate) {
      this.kind = kind;
      this.gate = gate;
    }

    void observe(List<InstanceSnapshot> snapshots, Instant now) {
      int inService = 0;
      int healthy = 0;
      int warm = 0;
      int wait = 0;
      int other = 0;
      for (InstanceSnapshot s : snapshots) {
        if (kind.groupName().equals(s.groupName())) {
          seen.add(s.instanceId());
          String state = s.lifecycleState() == null ? "" : s.lifecycleState();
          if (state.equals("InService")) {
            inService++;
            if (s.healthy()) {
              healthy++;
            }
          } else if (state.equals("Warmed:Stopped")) {
            warm++;
          } else {
            other++;
            if (state.endsWith(":Wait")) {
              wait++;
            }
          }
        }
      }
      int broken = 0;
      int gaveUp = 0;
      for (InstanceSnapshot s : snapshots) {
        if (seen.contains(s.instanceId())) {
          broken += s.corrupted() ? 1 : 0;
          gaveUp += s.abandoned() ? 1 : 0;
        }
      }
      inServiceHealthy = healthy;
      warmReady = warm;
      waiting = wait;
      corrupted = broken;
      abandoned = gaveUp;
      if (filledAt == null && scaleOutAt == null && warm >= settings.poolSize() && other == 0
          && inService >= settings.groupSize()) {
        filledAt = now;
      }
    }

    void checkDone(Instant now, Duration timeout) {
      if (done) {
        return;
      }
      if (inServiceHealthy >= settings.groupSize() + settings.scale()) {
        servedAt = now;
        done = true;
      } else if (!now.isBefore(scaleOutAt.plus(timeout))) {
        done = true;
      }
    }

    StoryProgress progress(Instant now, Instant start) {
      String phase = done ? (servedAt != null ? "served" : "NOT served")
          : scaleOutAt != null ? "scaling out" : filledAt != null ? "pool filled" : "filling pool";
      return new StoryProgress(kind.id(), phase, Duration.between(start, now), inServiceHealthy,
          settings.groupSize() + (scaleOutAt != null ? settings.scale() : 0), warmReady, waiting, corrupted, abandoned,
          gate.lifecycleCalls(), done);
    }

    StoryResult result(List<TimelineEntry> timeline, Map<String, InstanceSnapshot> snapshots, Instant start) {
      Set<String> ids = DemoReport.instancesOf(kind.groupName(), timeline);
      int broken = 0;
      int gaveUp = 0;
      int replaced = 0;
      for (String id : ids) {
        InstanceSnapshot s = snapshots.get(id);
        if (s != null) {
          broken += s.corrupted() ? 1 : 0;
          gaveUp += s.abandoned() ? 1 : 0;
          replaced += s.unhealthy() ? 1 : 0;
        }
      }
      int expired = 0;
      Set<String> everWarmStopped = new HashSet<>();
      Set<String> fromPool = new HashSet<>();
      for (TimelineEntry e : timeline) {
        if (!ids.contains(e.instanceId())) {
          continue;
        }
        if (e.kind() == TimelineEntry.Kind.ACTION && e.to().startsWith("expired")) {
          expired++;
        }
        if (e.kind() == TimelineEntry.Kind.LIFECYCLE) {
          if (e.to().equals("Warmed:Stopped")) {
            everWarmStopped.add(e.instanceId());
          } else if (e.to().equals("InService") && scaleOutAt != null && !e.at().isBefore(scaleOutAt)
              && everWarmStopped.contains(e.instanceId())) {
            fromPool.add(e.instanceId());
          }
        }
      }
      int healthyNow = 0;
      for (String id : ids) {
        InstanceSnapshot s = snapshots.get(id);
        if (s != null && "InService".equals(s.lifecycleState()) && s.healthy()) {
          healthyNow++;
        }
      }
      Optional<Duration> scaleOut = servedAt == null ? Optional.empty() : Optional.of(Duration.between(scaleOutAt, servedAt));
      return new StoryResult(kind, settings.groupSize() + settings.scale(), healthyNow, scaleOut, fromPool.size(), broken,
          gaveUp, replaced, expired, gate.lifecycleCalls(), ids.size(),
          Optional.ofNullable(filledAt).map(f -> Duration.between(start, f)));
    }
  }
}
