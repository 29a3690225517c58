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
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.testing.Inputs;
import io.warmgate.core.testing.Trials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Properties of the decision function over random policies, hooks, histories and times. */
class DeciderPropertiesTest {

  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  record Case(ReadinessPolicy policy, LifecycleHook hook, LifecycleAction action, InstanceFacts facts, ProbeHistory history, Instant now) {
    Decision decide() {
      return Decider.decide(policy, hook, action, facts, history, now);
    }
  }

  /** One random case: a policy, a hook, a history of rounds one interval apart ending now, maybe a heartbeat. */
  static Case randomCase(Inputs in) {
    int interval = in.intBetween(1, 120);
    int confirmMs = in.intBetween(100, 130_000);
    int n = in.intBetween(1, 10);
    Integer deadlineMin = in.orNull(0.2, () -> in.intBetween(0, 180)); // null = none
    int settle = in.intBetween(0, 180);
    boolean heartbeats = in.bool();
    int margin = in.intBetween(0, 300);
    LifecycleResult atDeadline = in.oneOf(LifecycleResult.class);
    ReadinessPolicy policy = ReadinessPolicy.builder()
        .probes(HttpProbeSpec.http(80, "/"))
        .interval(Duration.ofSeconds(interval))
        .confirmInterval(Duration.ofMillis(confirmMs))
        .consecutiveSuccesses(n)
        .deadline(deadlineMin == null ? Optional.empty() : Optional.of(Duration.ofMinutes(deadlineMin + 1)))
        .settleDelay(Duration.ofSeconds(settle))
        .heartbeats(heartbeats)
        .heartbeatMargin(Duration.ofSeconds(margin))
        .resultAtDeadline(atDeadline)
        .build();
    LifecycleHook hook = LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofSeconds(in.intBetween(30, 7200)),
        LifecycleResult.ABANDON, Optional.empty());
    int launchSec = in.intBetween(0, 100_000);
    List<Boolean> passes = in.listOf(40, in::bool);
    Integer hbAgo = in.orNull(0.4, () -> in.intBetween(0, 20_000));
    int nowSec = in.intBetween(0, 200_000);
    Instant launch = EPOCH.plusSeconds(launchSec);
    Instant now = launch.plusSeconds(nowSec);
    LifecycleAction action = new LifecycleAction("asg", "hook", Optional.empty(), "i-1", LifecycleTransition.LAUNCHING,
        Optional.of(Location.EC2), Optional.of(Location.AUTO_SCALING_GROUP));
    InstanceFacts facts = new InstanceFacts("i-1", Optional.of("asg"), Optional.of("Pending:Wait"), InstanceState.RUNNING,
        Optional.of("10.0.0.1"), launch, Optional.empty());
    // The rounds happened one interval apart, ending now.
    ProbeHistory h = ProbeHistory.start(launch);
    Instant t = now.minus(policy.interval().multipliedBy(passes.size()));
    for (boolean p : passes) {
      t = t.plus(policy.interval());
      h = h.afterRound(p, t);
    }
    if (hbAgo != null) {
      h = h.afterHeartbeat(now.minusSeconds(Math.min(hbAgo, nowSec)));
    }
    return new Case(policy, hook, action, facts, h, now);
  }

  /** Checks {@code property} on 2,000 random cases. */
  private static void forAllCases(Consumer<Case> property) {
    Trials.run(2000, in -> property.accept(randomCase(in)));
  }

  @Test
  void neverContinuesBeforeNConsecutivePassesUnlessTheDeadlineSaysSo() {
    forAllCases(c -> {
      Decision d = c.decide();
      if (d instanceof Decision.Continue) {
        boolean ready = c.history().consecutivePasses() >= c.policy().consecutiveSuccesses();
        boolean deadlineContinue = c.policy().resultAtDeadline() == LifecycleResult.CONTINUE
            && Decider.deadline(c.policy(), c.facts()).map(dl -> !c.now().isBefore(dl)).orElse(false);
        assertThat(ready || deadlineContinue).as("continue needs %s passes, had %s", c.policy().consecutiveSuccesses(),
            c.history().consecutivePasses()).isTrue();
        if (ready && !deadlineContinue) {
          assertThat(c.history().streakStartedAt().orElseThrow().plus(c.policy().settleDelay())).isBeforeOrEqualTo(c.now());
        }
      }
    });
  }

  @Test
  void neverAsksForAHeartbeatAtOrAfterTheDeadlineOrTheGlobalTimeout() {
    forAllCases(c -> {
      Decision d = c.decide();
      if (d instanceof Decision.Wait w && w.heartbeatNow()) {
        assertThat(c.policy().heartbeats()).isTrue();
        Decider.deadline(c.policy(), c.facts()).ifPresent(dl -> assertThat(c.now()).isBefore(dl));
        // The global timeout began no earlier than launch: never heartbeat past it.
        assertThat(c.now()).isBefore(c.facts().launchTime().plus(c.hook().globalTimeout()));
      }
    });
  }

  @Test
  void theNextCheckIsInTheFutureAndNeverPastTheDeadline() {
    forAllCases(c -> {
      if (c.decide() instanceof Decision.Wait w) {
        assertThat(w.nextCheckAt()).isAfter(c.now());
        assertThat(w.nextCheckAt()).isBeforeOrEqualTo(c.now().plus(c.policy().interval()));
        if (c.history().consecutivePasses() < c.policy().consecutiveSuccesses()) {
          Decider.deadline(c.policy(), c.facts()).ifPresent(dl -> assertThat(w.nextCheckAt()).isBeforeOrEqualTo(dl));
        } else {
          // only settling: never later than the end of the settle delay
          assertThat(w.nextCheckAt()).isBeforeOrEqualTo(c.history().streakStartedAt().orElseThrow().plus(c.policy().settleDelay()));
          assertThat(w.heartbeatNow() && Decider.deadline(c.policy(), c.facts()).map(dl -> !c.now().isBefore(dl)).orElse(false)).isFalse();
        }
      }
    });
  }

  @Test
  void aStreakUnderWayIsConfirmedAtTheShorterCadenceAndNeedsEveryPass() {
    forAllCases(c -> {
      int passes = c.history().consecutivePasses();
      ReadinessPolicy p = c.policy();
      Decision d = c.decide();
      if (passes > 0 && passes < p.consecutiveSuccesses() && d instanceof Decision.Wait w) {
        Duration cadence = p.confirmInterval().compareTo(p.interval()) < 0 ? p.confirmInterval() : p.interval();
        assertThat(w.nextCheckAt()).isBeforeOrEqualTo(c.now().plus(cadence));
      }
      if (passes > 0 && passes < p.consecutiveSuccesses()) {
        // the short cadence never shortens the streak: only a deadline may end it early
        boolean deadlinePassed = Decider.deadline(p, c.facts()).map(dl -> !c.now().isBefore(dl)).orElse(false);
        assertThat(d instanceof Decision.Continue && !deadlinePassed).isFalse();
      }
    });
  }

  @Test
  void theDeadlineFollowsLaunchTime() {
    Trials.run(500, in -> deadlineFollowsLaunchTime(in.intBetween(1, 300), in.intBetween(0, 1_000_000), in.intBetween(0, 20_000)));
  }

  private static void deadlineFollowsLaunchTime(int deadlineMinutes, int launchOffset, int seenAfter) {
    ReadinessPolicy policy = ReadinessPolicy.builder().deadline(Duration.ofMinutes(deadlineMinutes)).build();
    Instant launch = EPOCH.plusSeconds(launchOffset);
    InstanceFacts facts = new InstanceFacts("i-1", Optional.of("asg"), Optional.of("Pending:Wait"), InstanceState.RUNNING,
        Optional.of("10.0.0.1"), launch, Optional.empty());
    LifecycleHook hook = LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofHours(2), LifecycleResult.ABANDON, Optional.empty());
    LifecycleAction action = LifecycleAction.discovered("asg", "hook", "i-1", Optional.empty(), Optional.empty());
    Instant deadline = launch.plus(Duration.ofMinutes(deadlineMinutes));
    // However late the gate first saw the action, the deadline is LaunchTime + deadline.
    ProbeHistory h = ProbeHistory.start(launch.plusSeconds(seenAfter));

    assertThat(Decider.deadline(policy, facts)).contains(deadline);
    assertThat(Decider.decide(policy, hook, action, facts, h, deadline.minusMillis(1))).isInstanceOf(Decision.Wait.class);
    assertThat(Decider.decide(policy, hook, action, facts, h, deadline)).isInstanceOf(Decision.Abandon.class);
  }
}
