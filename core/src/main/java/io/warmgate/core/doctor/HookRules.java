package io.warmgate.core.doctor;

import io.warmgate.core.model.Durations;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rules about the launching hook: is there one, what it does on a timeout, and is its timeout long enough. */
final class HookRules {

  private HookRules() {}

  /** {@code warm-pool-without-launching-hook}: a stopping warm pool with nothing to hold a first boot. */
  static List<Finding> warmPoolWithoutLaunchingHook(GroupSnapshot g) {
    if (g.warmPool().isEmpty() || !g.warmPool().get().stopsInstances() || !g.launchingHooks().isEmpty()) {
      return List.of();
    }
    String state = g.warmPool().get().poolState();
    return List.of(new Finding("warm-pool-without-launching-hook", Severity.ERROR,
        "warm pool in state " + state + " and no launching lifecycle hook",
        "Without an autoscaling:EC2_INSTANCE_LAUNCHING hook, Auto Scaling stops each new warm-pool instance as soon as"
            + " it is running, without waiting for user data or first-boot setup. A Windows instance stopped during"
            + " sysprep/EC2Launch may never boot again, and the pool fills with broken instances.",
        "aws autoscaling put-lifecycle-hook --auto-scaling-group-name " + g.group()
            + " --lifecycle-hook-name warmgate-launch --lifecycle-transition autoscaling:EC2_INSTANCE_LAUNCHING"
            + " --heartbeat-timeout 300 --default-result ABANDON; then gate it: `warmgate run --group " + g.group()
            + "`, or deploy the WarmGate construct (CDK app attach, -c groupName=" + g.group()
            + "), which creates the hook and the gate together."));
  }

  /** {@code launching-hook-continues-on-timeout}: a timeout lets a half-booted instance through. */
  static List<Finding> launchingHookContinuesOnTimeout(GroupSnapshot g) {
    List<Finding> out = new ArrayList<>();
    for (HookFacts h : g.launchingHooks()) {
      LifecycleHook hook = h.hook();
      if (hook.defaultResult() != LifecycleResult.CONTINUE) {
        continue;
      }
      out.add(new Finding("launching-hook-continues-on-timeout", Severity.WARNING,
          "launching hook " + hook.hookName() + " has default result CONTINUE",
          "When nobody completes an action within the heartbeat timeout of " + secondsAndHuman(hook.heartbeatTimeout())
              + ", Auto Scaling continues: a half-booted instance is stopped into the warm pool (or put in service)"
              + " instead of being terminated and replaced.",
          "aws autoscaling put-lifecycle-hook --auto-scaling-group-name " + g.group() + " --lifecycle-hook-name "
              + hook.hookName() + " --lifecycle-transition autoscaling:EC2_INSTANCE_LAUNCHING --heartbeat-timeout "
              + hook.heartbeatTimeout().toSeconds() + " --default-result ABANDON (CDK: WarmGateProps defaultResult"
              + " LifecycleResult.ABANDON, the default)"));
    }
    return out;
  }

  /**
   * {@code heartbeat-timeout-shorter-than-boot}: launches ran into the hook's timeout (or are still booting past it)
   * and no gate heartbeats, so each such boot is cut short by the timeout.
   */
  static List<Finding> heartbeatTimeoutShorterThanBoot(GroupSnapshot g) {
    List<Finding> out = new ArrayList<>();
    List<Duration> launches = g.activities().stream().filter(ScalingActivity::isLaunch)
        .map(a -> a.duration(g.readAt())).sorted().toList();
    List<Duration> booting = g.instances().stream().filter(GroupInstance::waitingOnLaunch)
        .flatMap(i -> i.launchTime().stream()).map(t -> Duration.between(t, g.readAt())).sorted().toList();
    for (HookFacts h : g.launchingHooks()) {
      if (h.heartbeated()) {
        continue;
      }
      Duration timeout = h.hook().heartbeatTimeout();
      long launchesAtTimeout = launches.stream().filter(d -> d.compareTo(timeout) >= 0).count();
      long bootingPast = booting.stream().filter(d -> d.compareTo(timeout) >= 0).count();
      if (launchesAtTimeout == 0 && bootingPast == 0) {
        continue;
      }
      Duration longest = max(launches, booting);
      StringBuilder numbers = new StringBuilder("heartbeat timeout " + secondsAndHuman(timeout) + "; ");
      numbers.append(launchesAtTimeout).append(" of ").append(launches.size())
          .append(" launches in the activity history took at least that long (median ")
          .append(launches.isEmpty() ? "-" : Durations.humanRounded(launches.get(launches.size() / 2)))
          .append(", longest ").append(Durations.humanRounded(longest)).append(")");
      if (!booting.isEmpty()) {
        numbers.append("; ").append(bootingPast).append(" of ").append(booting.size())
            .append(" instances waiting now have been booting for at least that long");
      }
      long suggested = Math.min(LifecycleHook.MAX_HEARTBEAT_TIMEOUT.toSeconds(),
          Math.max(timeout.toSeconds() * 2, roundUpToMinute(longest.toSeconds() * 3 / 2)));
      out.add(new Finding("heartbeat-timeout-shorter-than-boot", Severity.WARNING,
          "launching hook " + h.hook().hookName() + " times out before instances finish booting",
          numbers + ". No gate sends heartbeats for this hook, so every boot longer than the timeout is ended by"
              + " the default result " + h.hook().defaultResult() + ": with CONTINUE the instance is stopped"
              + " mid-setup, with ABANDON it is replaced and the next one fails the same way.",
          "Let a gate heartbeat until the instance is ready: warmgate does by default (WARMGATE_HEARTBEATS=true;"
              + " not the usual-fix preset). Or raise the timeout above the longest boot: aws autoscaling"
              + " put-lifecycle-hook --auto-scaling-group-name " + g.group() + " --lifecycle-hook-name "
              + h.hook().hookName() + " --lifecycle-transition autoscaling:EC2_INSTANCE_LAUNCHING"
              + " --heartbeat-timeout " + suggested + " --default-result ABANDON"));
    }
    return out;
  }

  private static Duration max(List<Duration> a, List<Duration> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }

  private static long roundUpToMinute(long seconds) {
    return (seconds + 59) / 60 * 60;
  }

  /** Seconds and the human form, e.g. {@code 960 s (16m)}: the seconds are what the hook's setting says. */
  private static String secondsAndHuman(Duration d) {
    return d.toSeconds() + " s (" + Durations.humanRounded(d) + ")";
  }
}
