package io.warmgate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.InstanceState;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.PolicyPresets;
import io.warmgate.core.policy.ReadinessPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeciderTest {

  static final Instant LAUNCH = Instant.parse("2026-01-01T10:00:00Z");
  static final LifecycleHook HOOK =
      LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofMinutes(10), LifecycleResult.ABANDON, Optional.empty());

  static LifecycleAction action(Phase phase) {
    Location origin = phase == Phase.LEAVING_WARM_POOL ? Location.WARM_POOL : Location.EC2;
    Location destination = phase == Phase.ENTERING_WARM_POOL ? Location.WARM_POOL : Location.AUTO_SCALING_GROUP;
    return new LifecycleAction("asg", "hook", Optional.of("tok"), "i-1", LifecycleTransition.LAUNCHING,
        Optional.of(origin), Optional.of(destination));
  }

  static InstanceFacts facts(String lifecycleState, InstanceState state, String group) {
    return new InstanceFacts("i-1", Optional.ofNullable(group), Optional.of(lifecycleState), state,
        Optional.of("10.0.0.1"), LAUNCH, Optional.of("windows"));
  }

  static String waitState(Phase phase) {
    return phase == Phase.ENTERING_WARM_POOL ? "Warmed:Pending:Wait" : "Pending:Wait";
  }

  static ProbeHistory passes(int n, Instant firstPass) {
    ProbeHistory h = ProbeHistory.start(LAUNCH);
    for (int i = 0; i < n; i++) {
      h = h.afterRound(true, firstPass.plusSeconds(15L * i));
    }
    return h;
  }

  /** Phase, minutes after launch, consecutive passes so far, first pass (minutes after launch), expected decision type. */
  static Stream<Arguments> table() {
    return Stream.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START)
        .flatMap(p -> Stream.of(
            Arguments.of(p, 5, 0, 0, Decision.Wait.class),
            Arguments.of(p, 5, 2, 4, Decision.Wait.class),
            Arguments.of(p, 10, 3, 2, Decision.Continue.class),
            Arguments.of(p, 60, 0, 0, Decision.Abandon.class),
            Arguments.of(p, 60, 3, 50, Decision.Continue.class)));
  }

  @ParameterizedTest(name = "{0} at +{1}m with {2} passes since +{3}m -> {4}")
  @MethodSource("table")
  void decidesEveryPhaseByStreakSettleAndDeadline(Phase phase, int minutes, int passes, int firstPassMinute, Class<?> expected) {
    ReadinessPolicy policy = PolicyPresets.defaults().forPhase(phase);
    Instant now = LAUNCH.plus(Duration.ofMinutes(minutes));
    ProbeHistory h = passes(passes, LAUNCH.plus(Duration.ofMinutes(firstPassMinute)));

    Decision d = Decider.decide(policy, HOOK, action(phase), facts(waitState(phase), InstanceState.RUNNING, "asg"), h, now);

    assertThat(d).isInstanceOf(expected);
  }

  @Test
  void waitsForTheSettleDelayAfterTheStreakIsLongEnough() {
    // 30 s settle; rounds 15 s apart, so the settle's end comes before the next round
    ReadinessPolicy policy =
        PolicyPresets.defaults().forPhase(Phase.ENTERING_WARM_POOL).toBuilder().interval(Duration.ofSeconds(15)).build();
    Instant first = LAUNCH.plus(Duration.ofMinutes(5));
    ProbeHistory h = ProbeHistory.start(LAUNCH).afterRound(true, first).afterRound(true, first.plusSeconds(10)).afterRound(true, first.plusSeconds(20));

    Decision d = Decider.decide(policy, HOOK, action(Phase.ENTERING_WARM_POOL), facts("Warmed:Pending:Wait", InstanceState.RUNNING, "asg"), h, first.plusSeconds(20));

    assertThat(d).isInstanceOfSatisfying(Decision.Wait.class, w -> {
      assertThat(w.nextCheckAt()).isEqualTo(first.plusSeconds(30));
      assertThat(w.reason()).contains("settling");
    });
  }

  @Test
  void letsAReadyInstanceFinishSettlingPastTheDeadlineWithoutHeartbeat() {
    // 30 s settle, 30 min; rounds 15 s apart, so the settle's end comes before the next round
    ReadinessPolicy policy =
        PolicyPresets.defaults().forPhase(Phase.ENTERING_WARM_POOL).toBuilder().interval(Duration.ofSeconds(15)).build();
    Instant first = LAUNCH.plus(Duration.ofMinutes(30)).minusSeconds(20);
    ProbeHistory h = ProbeHistory.start(LAUNCH).afterRound(true, first).afterRound(true, first.plusSeconds(10)).afterRound(true, first.plusSeconds(25));

    Decision d = Decider.decide(policy, HOOK, action(Phase.ENTERING_WARM_POOL),
        facts("Warmed:Pending:Wait", InstanceState.RUNNING, "asg"), h, first.plusSeconds(25));

    assertThat(d).isInstanceOfSatisfying(Decision.Wait.class, w -> {
      assertThat(w.nextCheckAt()).isEqualTo(first.plusSeconds(30));
      assertThat(w.heartbeatNow()).isFalse();
    });
  }

  @Test
  void continuesAtTheDeadlineWhenThePolicySaysSo() {
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart().toBuilder().resultAtDeadline(LifecycleResult.CONTINUE).build();

    Decision d = Decider.decide(policy, HOOK, action(Phase.COLD_START), facts("Pending:Wait", InstanceState.RUNNING, "asg"),
        ProbeHistory.start(LAUNCH), LAUNCH.plus(Duration.ofMinutes(30)));

    assertThat(d).isInstanceOf(Decision.Continue.class);
    assertThat(d.reason()).contains("deadline");
  }

  @Test
  void capsTheNextCheckAtTheDeadline() {
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart();
    Instant now = LAUNCH.plus(Duration.ofMinutes(30)).minusSeconds(4);

    Decision d = Decider.decide(policy, HOOK, action(Phase.COLD_START), facts("Pending:Wait", InstanceState.RUNNING, "asg"),
        ProbeHistory.start(LAUNCH), now);

    assertThat(d).isInstanceOfSatisfying(Decision.Wait.class, w -> assertThat(w.nextCheckAt()).isEqualTo(LAUNCH.plus(Duration.ofMinutes(30))));
  }

  static Stream<Arguments> stops() {
    return Stream.of(
        Arguments.of(facts("Pending:Wait", InstanceState.TERMINATED, "asg"), "terminated"),
        Arguments.of(facts("Pending:Wait", InstanceState.SHUTTING_DOWN, "asg"), "shutting-down"),
        Arguments.of(facts("Pending:Wait", InstanceState.RUNNING, "other"), "in group other"),
        Arguments.of(facts("Pending:Wait", InstanceState.RUNNING, null), "no Auto Scaling group"),
        Arguments.of(facts("InService", InstanceState.RUNNING, "asg"), "not waiting"),
        Arguments.of(facts("Terminating:Wait", InstanceState.RUNNING, "asg"), "terminating hook"),
        Arguments.of(facts("Warmed:Pending:Wait", InstanceState.RUNNING, "asg"), "stale action"));
  }

  @ParameterizedTest(name = "stops: {1}")
  @MethodSource("stops")
  void stopsWhenTheInstanceIsGoneOrNotOurs(InstanceFacts facts, String reason) {
    Decision d = Decider.decide(PolicyPresets.defaults().coldStart(), HOOK, action(Phase.COLD_START), facts,
        passes(3, LAUNCH), LAUNCH.plus(Duration.ofMinutes(5)));

    assertThat(d).isInstanceOf(Decision.Stop.class);
    assertThat(d.reason()).contains(reason);
  }

  @Test
  void stopsATerminatingAction() {
    LifecycleAction terminating = new LifecycleAction("asg", "hook", Optional.empty(), "i-1", LifecycleTransition.TERMINATING,
        Optional.empty(), Optional.empty());

    Decision d = Decider.decide(PolicyPresets.defaults().coldStart(), HOOK, terminating, facts("Terminating:Wait", InstanceState.RUNNING, "asg"),
        ProbeHistory.start(LAUNCH), LAUNCH);

    assertThat(d).isInstanceOf(Decision.Stop.class);
  }

  @Test
  void aGateThatHasNotHeartbeatedYetCountsTheHooksExpiryFromLaunchTime() {
    // A restarted gate (or a sweep) knows no heartbeat of its own: the hook's wait began no earlier than
    // LaunchTime, so 12 min after launch a 10 min hook may be about to expire and gets a heartbeat at once.
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart();
    InstanceFacts f = facts("Pending:Wait", InstanceState.RUNNING, "asg");

    Decision fresh = Decider.decide(policy, HOOK, action(Phase.COLD_START), f, ProbeHistory.start(LAUNCH), LAUNCH.plusSeconds(30));
    Decision late = Decider.decide(policy, HOOK, action(Phase.COLD_START), f,
        ProbeHistory.start(LAUNCH.plus(Duration.ofMinutes(12))), LAUNCH.plus(Duration.ofMinutes(12)));

    assertThat(fresh).isInstanceOfSatisfying(Decision.Wait.class, w -> assertThat(w.heartbeatNow()).isFalse());
    assertThat(late).isInstanceOfSatisfying(Decision.Wait.class, w -> assertThat(w.heartbeatNow()).isTrue());
    assertThat(Decider.hookExpiry(HOOK, f, ProbeHistory.start(LAUNCH))).isEqualTo(LAUNCH.plus(Duration.ofMinutes(10)));
  }

  @Test
  void heartbeatsOnlyWhenTheHookWouldExpireWithinTheMarginOfTheNextCheck() {
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart(); // 15 s interval, 60 s margin; hook 10 min
    LifecycleAction a = action(Phase.COLD_START);
    InstanceFacts f = facts("Pending:Wait", InstanceState.RUNNING, "asg");

    Decision early = Decider.decide(policy, HOOK, a, f, ProbeHistory.start(LAUNCH), LAUNCH.plus(Duration.ofMinutes(8)));
    Decision late = Decider.decide(policy, HOOK, a, f, ProbeHistory.start(LAUNCH), LAUNCH.plus(Duration.ofMinutes(8)).plusSeconds(50));

    assertThat(((Decision.Wait) early).heartbeatNow()).isFalse();
    assertThat(((Decision.Wait) late).heartbeatNow()).isTrue();
  }

  @Test
  void neverHeartbeatsWhenThePolicyDisablesThem() {
    ReadinessPolicy policy = PolicyPresets.usualFix().coldStart();

    Decision d = Decider.decide(policy, HOOK, action(Phase.COLD_START), facts("Pending:Wait", InstanceState.RUNNING, "asg"),
        ProbeHistory.start(LAUNCH), LAUNCH.plusSeconds(30));

    assertThat(((Decision.Wait) d).heartbeatNow()).isFalse();
  }

  @Test
  void neverHeartbeatsWhenTheHookOutlivesTheDeadline() {
    LifecycleHook longHook = LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofHours(1), LifecycleResult.ABANDON, Optional.empty());

    Decision d = Decider.decide(PolicyPresets.defaults().coldStart(), longHook, action(Phase.COLD_START),
        facts("Pending:Wait", InstanceState.RUNNING, "asg"), ProbeHistory.start(LAUNCH), LAUNCH.plus(Duration.ofMinutes(29)));

    assertThat(((Decision.Wait) d).heartbeatNow()).isFalse();
  }

  @Test
  void neverHeartbeatsPastTheGlobalTimeoutCountedFromLaunch() {
    // 30 s heartbeat timeout: the global timeout is 50 min after the action began, at the latest after launch.
    LifecycleHook shortHook = LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofSeconds(30), LifecycleResult.ABANDON, Optional.empty());
    ReadinessPolicy noDeadline = PolicyPresets.defaults().coldStart().toBuilder().noDeadline().build();

    Decision d = Decider.decide(noDeadline, shortHook, action(Phase.COLD_START), facts("Pending:Wait", InstanceState.RUNNING, "asg"),
        ProbeHistory.start(LAUNCH), LAUNCH.plus(Duration.ofMinutes(50)));

    assertThat(((Decision.Wait) d).heartbeatNow()).isFalse();
  }

  @Test
  void theDeadlineCountsFromLaunchTimeNotFromWhenTheGateFirstSawTheAction() {
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart();
    ProbeHistory seenLate = ProbeHistory.start(LAUNCH.plus(Duration.ofMinutes(29)));

    Decision d = Decider.decide(policy, HOOK, action(Phase.COLD_START), facts("Pending:Wait", InstanceState.RUNNING, "asg"),
        seenLate, LAUNCH.plus(Duration.ofMinutes(30)));

    assertThat(d).isInstanceOf(Decision.Abandon.class);
    assertThat(Decider.deadline(policy, facts("Pending:Wait", InstanceState.RUNNING, "asg"))).contains(LAUNCH.plus(Duration.ofMinutes(30)));
  }

  @Test
  void aHookTimeoutShorterThanTheIntervalBringsTheNextCheckBeforeTheHookExpires() {
    // Regression: with a 30 s hook and a 60 s interval, the gate heartbeated and then looked again only
    // after the hook had already timed out.
    LifecycleHook shortHook =
        LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofSeconds(30), LifecycleResult.ABANDON, Optional.empty());
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart().toBuilder().interval(Duration.ofSeconds(60)).build();
    Instant now = LAUNCH.plus(Duration.ofMinutes(2));
    ProbeHistory h = ProbeHistory.start(LAUNCH).afterHeartbeat(now.minusSeconds(20));

    Decision d = Decider.decide(policy, shortHook, action(Phase.COLD_START),
        facts("Pending:Wait", InstanceState.RUNNING, "asg"), h, now);

    assertThat(d).isInstanceOfSatisfying(Decision.Wait.class, w -> {
      assertThat(w.heartbeatNow()).isTrue();
      assertThat(w.nextCheckAt()).isAfter(now).isBefore(now.plus(shortHook.heartbeatTimeout()));
    });
  }

  @Test
  void aHookTimeoutLongerThanTheIntervalKeepsTheInterval() {
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart();
    Instant now = LAUNCH.plus(Duration.ofMinutes(9)).plusSeconds(30); // the 10 min hook expires within the margin

    Decision d = Decider.decide(policy, HOOK, action(Phase.COLD_START),
        facts("Pending:Wait", InstanceState.RUNNING, "asg"), ProbeHistory.start(LAUNCH), now);

    assertThat(d).isInstanceOfSatisfying(Decision.Wait.class, w -> {
      assertThat(w.heartbeatNow()).isTrue();
      assertThat(w.nextCheckAt()).isEqualTo(now.plus(policy.interval()));
    });
  }

  @Test
  void aWarmStartSeenWhileEc2StillShowsTheInstanceStoppedIsNotAbandonedByTheOldLaunchTime() {
    // Regression: for a warm start looked up before EC2 showed the new boot, the deadline counted from
    // the LaunchTime of the first boot, days ago, and the gate abandoned a healthy instance at once.
    ReadinessPolicy policy = PolicyPresets.defaults().forPhase(Phase.LEAVING_WARM_POOL);
    Instant now = LAUNCH.plus(Duration.ofDays(3));
    ProbeHistory failed = ProbeHistory.start(now).afterRound(false, now);

    Decision d = Decider.decide(policy, HOOK, action(Phase.LEAVING_WARM_POOL),
        facts("Pending:Wait", InstanceState.STOPPED, "asg"), failed, now);

    assertThat(d).isInstanceOfSatisfying(Decision.Wait.class, w -> {
      assertThat(w.heartbeatNow()).isFalse();
      assertThat(w.nextCheckAt()).isEqualTo(now.plus(policy.interval()));
      assertThat(w.reason()).contains("stopped");
    });
  }

  @Test
  void aRunHandingOverHeartbeatsUnlessTheLimitsOfAnyHeartbeatForbidIt() {
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart();
    InstanceFacts booting = facts("Pending:Wait", InstanceState.RUNNING, "asg");
    ProbeHistory justBeat = ProbeHistory.start(LAUNCH).afterHeartbeat(LAUNCH.plusSeconds(100));

    assertThat(Decider.heartbeatBeforeHandOver(policy, HOOK, booting, ProbeHistory.start(LAUNCH), LAUNCH.plusSeconds(100))).isTrue();
    assertThat(Decider.heartbeatBeforeHandOver(policy, HOOK, booting, justBeat, LAUNCH.plusSeconds(101))).isTrue();
    // Not twice at one instant, not for a stopped instance, not at or past the deadline (30 min), nor with heartbeats off.
    assertThat(Decider.heartbeatBeforeHandOver(policy, HOOK, booting, justBeat, LAUNCH.plusSeconds(100))).isFalse();
    assertThat(Decider.heartbeatBeforeHandOver(policy, HOOK, facts("Pending:Wait", InstanceState.STOPPED, "asg"),
        ProbeHistory.start(LAUNCH), LAUNCH.plusSeconds(100))).isFalse();
    assertThat(Decider.heartbeatBeforeHandOver(policy, HOOK, booting, ProbeHistory.start(LAUNCH), LAUNCH.plus(Duration.ofMinutes(30)))).isFalse();
    assertThat(Decider.heartbeatBeforeHandOver(policy.toBuilder().heartbeats(false).build(), HOOK, booting,
        ProbeHistory.start(LAUNCH), LAUNCH.plusSeconds(100))).isFalse();
  }

  @Test
  void noHandOverHeartbeatOnceOnlyTheGlobalTimeoutIsLeft() {
    // A 30 s hook: its global timeout (100 x) ends 50 min after launch, before the 1 h deadline.
    LifecycleHook shortHook = LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofSeconds(30),
        LifecycleResult.ABANDON, Optional.empty());
    ReadinessPolicy policy = PolicyPresets.defaults().coldStart().toBuilder().deadline(Duration.ofHours(1)).build();
    InstanceFacts booting = facts("Pending:Wait", InstanceState.RUNNING, "asg");
    Instant nearTheEnd = LAUNCH.plus(Duration.ofMinutes(50)).minusSeconds(10);

    assertThat(Decider.heartbeatBeforeHandOver(policy, shortHook, booting, ProbeHistory.start(LAUNCH).afterHeartbeat(nearTheEnd.minusSeconds(20)),
        nearTheEnd)).isFalse();
  }
}
