package io.warmgate.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoctorTest {

  private static final Optional<Boolean> NO_GATE = Optional.empty();
  private static final Map<String, Object> GATE_PATTERN = Map.of(
      "source", List.of("aws.autoscaling"),
      "detail-type", List.of("EC2 Instance-launch Lifecycle Action"),
      "detail", Map.of("AutoScalingGroupName", List.of("web"), "LifecycleHookName", List.of("launch")));

  @Test
  void aStoppedWarmPoolWithoutLaunchingHookIsAnError() {
    Snapshots s = new Snapshots().stoppedPool();

    Finding f = s.only("warm-pool-without-launching-hook");

    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fix()).contains("put-lifecycle-hook --auto-scaling-group-name web", "EC2_INSTANCE_LAUNCHING");
    assertThat(Doctor.standard().examine(s.build()).worst()).contains(Severity.ERROR);
  }

  @Test
  void aRunningWarmPoolWithoutHookIsNotTheIncident() {
    Snapshots s = new Snapshots();
    s.pool = Optional.of(new WarmPoolFacts(0, Optional.empty(), "Running", false));

    assertThat(s.ids()).doesNotContain("warm-pool-without-launching-hook");
  }

  @Test
  void aGroupWithHookRuleAndSizedPoolIsClean() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON,
        Optional.of(true));
    s.routes = new EventRoutes.Checked(List.of(new EventRule("gate", true, Optional.of(GATE_PATTERN))));

    assertThat(Doctor.standard().examine(s.build()).findings()).isEmpty();
  }

  @Test
  void continueOnTimeoutIsAWarningNamingTheTimeout() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(960), LifecycleResult.CONTINUE, NO_GATE);

    Finding f = s.only("launching-hook-continues-on-timeout");

    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.detail()).contains("960 s (16m)");
    assertThat(f.fix()).contains("--default-result ABANDON", "--heartbeat-timeout 960");
  }

  @Test
  void launchesThatRanIntoTheTimeoutWithoutHeartbeatsAreReportedWithTheirNumbers() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(960), LifecycleResult.CONTINUE, NO_GATE)
        .poolLaunch("i-01", Duration.ofHours(2), Duration.ofSeconds(990))
        .poolLaunch("i-02", Duration.ofHours(2), Duration.ofSeconds(600))
        .poolLaunch("i-03", Duration.ofHours(1), Duration.ofSeconds(1000))
        .instance("i-04", "Warmed:Pending:Wait", true, Duration.ofSeconds(1100));

    Finding f = s.only("heartbeat-timeout-shorter-than-boot");

    assertThat(f.detail()).contains("heartbeat timeout 960 s (16m)", "2 of 3 launches", "longest 18m20s",
        "1 of 1 instances waiting now");
    assertThat(f.fix()).contains("--heartbeat-timeout 1920");
  }

  @Test
  void aGateThatHeartbeatsMakesLongBootsFine() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON,
        Optional.of(true)).poolLaunch("i-01", Duration.ofHours(2), Duration.ofSeconds(1500));

    assertThat(s.ids()).doesNotContain("heartbeat-timeout-shorter-than-boot");
  }

  @Test
  void bootsShorterThanTheTimeoutAreFine() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(960), LifecycleResult.ABANDON, NO_GATE)
        .poolLaunch("i-01", Duration.ofHours(2), Duration.ofSeconds(500));

    assertThat(s.ids()).doesNotContain("heartbeat-timeout-shorter-than-boot");
  }

  @Test
  void anInstanceHeldPastTheHeartbeatTimeoutIsWaitingTooLong() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON,
        Optional.of(true)).poolLaunch("i-01", Duration.ofMinutes(50), null)
        .instance("i-01", "Warmed:Pending:Wait", true, Duration.ofMinutes(50))
        .instance("i-02", "Warmed:Pending:Wait", true, Duration.ofMinutes(2));

    Finding f = s.only("instances-waiting-too-long");

    assertThat(f.summary()).startsWith("1 instance(s)");
    assertThat(f.detail()).contains("i-01 in Warmed:Pending:Wait for 50m").doesNotContain("i-02");
  }

  @Test
  void unhealthyPoolInstancesAreListed() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON,
        Optional.of(true));
    s.instances.add(new GroupInstance("i-0bad", "Warmed:Stopped", "Unhealthy", true, Optional.empty()));

    assertThat(s.only("unhealthy-warm-pool-instances").detail()).contains("i-0bad");
  }

  @Test
  void poolInstancesLaunchedTooFastBeforeTheFirstHeldLaunchWereNeverGated() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON,
        Optional.of(true))
        .poolLaunch("i-0old", Duration.ofHours(3), Duration.ofSeconds(45))
        .poolLaunch("i-0new", Duration.ofHours(1), Duration.ofSeconds(400))
        .poolLaunch("i-0fast", Duration.ofMinutes(30), Duration.ofSeconds(40))
        .instance("i-0old", "Warmed:Stopped", true, null)
        .instance("i-0new", "Warmed:Stopped", true, null)
        .instance("i-0fast", "Warmed:Stopped", true, null);

    Finding f = s.only("instances-never-gated");

    assertThat(f.detail()).contains("i-0old").doesNotContain("i-0new").doesNotContain("i-0fast");
  }

  @Test
  void withNoHeldLaunchInTheHistoryNothingIsClaimedNeverGated() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON,
        Optional.of(true)).poolLaunch("i-0old", Duration.ofHours(3), Duration.ofSeconds(45))
        .instance("i-0old", "Warmed:Stopped", true, null);

    assertThat(s.ids()).doesNotContain("instances-never-gated");
  }

  @Test
  void aHookNoRuleRoutesHasNoEventRoute() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, NO_GATE);

    Finding f = s.only("no-event-route");

    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.detail()).contains("No enabled EventBridge rule");
  }

  @Test
  void aRuleForTheWarmPoolLegOnlyLeavesTheWarmStartUnrouted() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, NO_GATE);
    s.routes = new EventRoutes.Checked(List.of(new EventRule("pool-only", true, Optional.of(Map.of(
        "source", List.of("aws.autoscaling"), "detail", Map.of("Destination", List.of("WarmPool")))))));

    Finding f = s.only("no-event-route");

    assertThat(f.detail()).contains("pool-only", "warm start from the pool (WarmPool -> AutoScalingGroup)")
        .doesNotContain("launch into the warm pool");
  }

  @Test
  void aDisabledRuleIsNoRoute() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, NO_GATE);
    s.routes = new EventRoutes.Checked(List.of(new EventRule("gate", false, Optional.of(GATE_PATTERN))));

    assertThat(s.ids()).contains("no-event-route");
  }

  @Test
  void deniedListRulesIsReportedAsNotCheckedNotAsMissing() {
    Snapshots s = new Snapshots().stoppedPool().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, NO_GATE);
    s.routes = new EventRoutes.NotChecked("AccessDeniedException: not authorized to perform: events:ListRules");

    assertThat(s.ids()).containsExactly("event-route-not-checked");
    assertThat(s.only("event-route-not-checked").severity()).isEqualTo(Severity.INFO);
    assertThat(Doctor.standard().examine(s.build()).worst()).contains(Severity.INFO);
  }

  @Test
  void aNotificationTargetOrAManagedTagIsARoute() {
    Snapshots queue = new Snapshots().stoppedPool();
    queue.hooks.add(new HookFacts(LifecycleHook.of("web", "launch", LifecycleTransition.LAUNCHING,
        Duration.ofSeconds(300), LifecycleResult.ABANDON, Optional.empty()),
        Optional.of("arn:aws:sqs:us-east-1:123456789012:gate"), NO_GATE));
    Snapshots daemon = new Snapshots().stoppedPool()
        .launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, Optional.of(true));
    daemon.managedBy = Optional.of("tag warmgate:managed=true");

    assertThat(queue.ids()).doesNotContain("no-event-route");
    assertThat(daemon.ids()).doesNotContain("no-event-route");
  }

  @Test
  void reuseOnScaleInWithoutTerminatingHookIsAWarning() {
    Snapshots s = new Snapshots().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, Optional.of(true));
    s.managedBy = Optional.of("tag");
    s.pool = Optional.of(new WarmPoolFacts(0, Optional.empty(), "Stopped", true));

    assertThat(s.ids()).containsExactly("reuse-on-scale-in-without-terminating-gate");
  }

  @Test
  void aPoolSizedToZeroAtTheCurrentCapacityIsReportedWithTheFormula() {
    Snapshots s = new Snapshots().launchingHook(Duration.ofSeconds(300), LifecycleResult.ABANDON, Optional.of(true));
    s.managedBy = Optional.of("tag");
    s.pool = Optional.of(new WarmPoolFacts(0, Optional.of(2), "Stopped", false));
    s.desired = 2;

    assertThat(s.only("pool-empty-at-current-capacity").detail())
        .contains("max(MinSize 0, MaxGroupPreparedCapacity 2 - desired 2) = 0");
  }

  @Test
  void findingsComeWorstFirst() {
    Snapshots s = new Snapshots();
    s.pool = Optional.of(new WarmPoolFacts(0, Optional.of(1), "Stopped", true));
    s.desired = 2;

    List<Finding> findings = Doctor.standard().examine(s.build()).findings();

    assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(findings).extracting(Finding::severity).isSorted();
  }

  @Test
  void findingIdsMustBeKebabCase() {
    assertThatThrownBy(() -> new Finding("No_Hook", Severity.ERROR, "s", "d", "f"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kebab-case");
  }
}
