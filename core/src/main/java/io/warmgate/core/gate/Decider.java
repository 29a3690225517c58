package io.warmgate.core.gate;

import static io.warmgate.core.model.Durations.human;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.ReadinessPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision function: from a policy, the hook, the action, what is known of the instance, the probe
 * history and the current time, decides what to do next. Pure: no I/O, no clock, no state.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>{@link Decision.Stop} if the action is not a gated launch, or the instance is terminating or
 *       gone, outside the action's group, or no longer in a wait state.
 *   <li>A {@link Decision.Wait} without heartbeat while EC2 shows the instance stopped or stopping: its
 *       LaunchTime is then an earlier boot's, so no deadline can be counted from it yet.
 *   <li>{@link Decision.Continue} once the last {@code consecutiveSuccesses} rounds passed and the
 *       settle delay has elapsed since the first pass of that streak (even at or after the deadline: a
 *       ready instance is never thrown away).
 *   <li>At or after the deadline (LaunchTime + deadline) the policy's result at the deadline, unless
 *       the streak is complete and only the settle delay is running: then a Wait (without heartbeat)
 *       until it ends, since abandoning a ready instance would cost a whole new boot.
 *   <li>Otherwise {@link Decision.Wait} until the next round: now + interval (now + confirmInterval,
 *       if shorter, while a streak has begun but is not complete), capped at the deadline (and at the
 *       end of the settle delay once the streak is long enough).
 * </ol>
 *
 * <p>A Wait asks for a heartbeat when the hook would expire before the next check plus the margin. The
 * hook's expiry is estimated from the last heartbeat Auto Scaling accepted, else from LaunchTime: a launch
 * hook's wait cannot begin before the boot it holds, so the estimate is never later than the real expiry.
 * Never a heartbeat when the policy disables them, and never at or after the estimated end of the hook's
 * global timeout, counted from LaunchTime too. An event's own time is never used: whoever can send the
 * gate an event can write it (a forged 2000-01-01 put the global timeout in the past and turned
 * heartbeats off). No heartbeat is ever asked at or after the gate's deadline, because no Wait is. A Wait
 * with a heartbeat checks again before the hook, so extended, would expire, even when the hook's heartbeat
 * timeout is shorter than the interval.
 */
public final class Decider {

  private Decider() {}

  /** Decides what to do with {@code action} at {@code now}. */
  public static Decision decide(
      ReadinessPolicy policy,
      LifecycleHook hook,
      LifecycleAction action,
      InstanceFacts facts,
      ProbeHistory history,
      Instant now) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(now, "now");

    Optional<Decision.Stop> stop = verify(action, facts);
    if (stop.isPresent()) {
      return stop.get();
    }

    if (!facts.state().isBooting()) {
      // Stopped or stopping while a launch waits: EC2 has not (yet) shown the start of this boot, so
      // LaunchTime is the previous boot's (for a warm start, maybe days old) and no deadline counts
      // from it. Look again soon; no heartbeat keeps alive an instance that does not run.
      return new Decision.Wait(
          now.plus(policy.interval()),
          false,
          "instance is " + facts.state().wireName() + ": its LaunchTime is an earlier boot's; waiting for it to start");
    }

    Optional<Instant> deadline = deadline(policy, facts);
    int passes = history.consecutivePasses();
    int needed = policy.consecutiveSuccesses();
    Optional<Instant> settledAt = history.streakStartedAt().map(t -> t.plus(policy.settleDelay()));
    if (passes >= needed && !settledAt.orElseThrow().isAfter(now)) {
      return new Decision.Continue(
          "ready: " + passes + " consecutive passes" + settleNote(policy.settleDelay()));
    }

    if (deadline.isPresent() && !now.isBefore(deadline.get())) {
      if (passes >= needed) {
        // Ready, only settling: abandoning a ready instance would cost a whole new boot. The settle delay
        // is bounded (1 h at most) and no heartbeat is sent past the deadline.
        // Probes go on meanwhile: a failed round ends the streak, and then the deadline applies.
        Instant settled = settledAt.orElseThrow();
        return new Decision.Wait(
            min(now.plus(policy.interval()), settled), false, "ready, settling past the deadline until " + settled);
      }
      String why =
          "not ready " + human(policy.deadline().orElseThrow()) + " after launch (deadline " + deadline.get() + ")";
      return policy.resultAtDeadline() == LifecycleResult.ABANDON
          ? new Decision.Abandon(why)
          : new Decision.Continue(why + "; the policy continues at the deadline");
    }

    // A streak under way is confirmed at the short cadence: the instance is probably ready, and each
    // round only costs a probe. The streak still needs all its passes.
    Instant next = now.plus(policy.intervalAfter(passes));
    String why;
    if (passes >= needed) {
      // Only the settle delay is missing: look again when it ends, if that comes first.
      Instant settled = settledAt.orElseThrow();
      next = min(next, settled);
      why = "ready, settling until " + settled;
    } else if (passes > 0) {
      why = passes + " of " + needed + " consecutive passes";
    } else {
      why = "not ready";
    }
    if (deadline.isPresent()) {
      next = min(next, deadline.get());
    }
    boolean heartbeat = heartbeatDue(policy, hook, facts, history, now, next);
    if (heartbeat && !policy.shadowMode()) {
      next = beforeHookExpires(policy, hook, facts, now, next);
    }
    return new Decision.Wait(next, heartbeat, why);
  }

  /**
   * Brings the next check forward so that it comes before the hook, just heartbeated, would expire:
   * with a heartbeat timeout shorter than the interval (30 s hook, 60 s interval) the next heartbeat
   * would otherwise come after the hook had already timed out. The next check keeps a lead of the
   * margin, at most half the heartbeat timeout, and is never later than it was.
   */
  private static Instant beforeHookExpires(
      ReadinessPolicy policy, LifecycleHook hook, InstanceFacts facts, Instant now, Instant next) {
    Instant global = globalTimeoutEnd(hook, facts);
    Instant expiry = now.plus(hook.heartbeatTimeout());
    if (!expiry.isBefore(global)) {
      return next; // the global timeout ends the wait first; no later heartbeat can help
    }
    Duration half = hook.heartbeatTimeout().dividedBy(2);
    Duration lead = policy.heartbeatMargin().compareTo(half) < 0 ? policy.heartbeatMargin() : half;
    Instant latest = expiry.minus(lead);
    return latest.isAfter(now) ? min(next, latest) : next;
  }

  /**
   * The gate's own deadline: the instance's LaunchTime plus the policy's deadline, if it has one.
   * LaunchTime marks the start of the current boot, so a restarted gate resumes the same deadline.
   */
  public static Optional<Instant> deadline(ReadinessPolicy policy, InstanceFacts facts) {
    return policy.deadline().map(d -> facts.launchTime().plus(d));
  }

  /**
   * The earliest the hook's global timeout can end: counted from LaunchTime, since a launch hook's wait
   * cannot begin before the boot it holds, so the estimate is never later than the real end.
   */
  public static Instant globalTimeoutEnd(LifecycleHook hook, InstanceFacts facts) {
    return facts.launchTime().plus(hook.globalTimeout());
  }

  /**
   * When the hook would expire without another heartbeat: from the last heartbeat Auto Scaling accepted,
   * else from LaunchTime (never later than the real expiry), capped by the global timeout.
   */
  public static Instant hookExpiry(LifecycleHook hook, InstanceFacts facts, ProbeHistory history) {
    Instant base = history.lastHeartbeatAt().orElse(facts.launchTime());
    return min(base.plus(hook.heartbeatTimeout()), globalTimeoutEnd(hook, facts));
  }

  /**
   * Whether a run handing its action over (its time budget ends) heartbeats first, so the next runner
   * has a whole heartbeat timeout to take over, whatever the sweep's timing. Without it the run's last
   * heartbeat may be a timeout minus the margin old, and the margin (60 s by default) is no more than a
   * sweep period: the next sweep's start, lookups and first probe round then came after the hook
   * expired. Yes unless a heartbeat was recorded this instant, under the limits of any heartbeat: the
   * policy's heartbeats on, the instance booting, before the gate's deadline and before the hook's global
   * timeout, which a heartbeat could not pass.
   */
  public static boolean heartbeatBeforeHandOver(
      ReadinessPolicy policy, LifecycleHook hook, InstanceFacts facts, ProbeHistory history, Instant now) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(now, "now");
    if (!policy.heartbeats() || policy.shadowMode() || !facts.state().isBooting()) {
      return false;
    }
    if (deadline(policy, facts).map(d -> !now.isBefore(d)).orElse(false)) {
      return false;
    }
    Instant global = globalTimeoutEnd(hook, facts);
    Instant expiry = hookExpiry(hook, facts, history);
    if (!now.isBefore(global) || !expiry.isBefore(global)) {
      return false;
    }
    // Any heartbeat older than this instant: the next runner then gets the whole heartbeat timeout.
    return expiry.isBefore(now.plus(hook.heartbeatTimeout()));
  }

  private static boolean heartbeatDue(
      ReadinessPolicy policy,
      LifecycleHook hook,
      InstanceFacts facts,
      ProbeHistory history,
      Instant now,
      Instant nextCheckAt) {
    if (!policy.heartbeats()) {
      return false;
    }
    Instant global = globalTimeoutEnd(hook, facts);
    if (!now.isBefore(global)) {
      return false;
    }
    Instant expiry = hookExpiry(hook, facts, history);
    if (!expiry.isBefore(global)) {
      return false; // the global timeout ends the wait first; a heartbeat cannot help
    }
    return expiry.isBefore(nextCheckAt.plus(policy.heartbeatMargin()));
  }

  /**
   * Checks that the action is the gate's and the instance can still be gated: a launching action, an
   * instance that exists, is not terminating, belongs to the action's group and waits in the state the
   * action's phase implies. The gate calls it before the first probe, so it never probes an instance that
   * is not its business.
   *
   * @return the reason to stop, or empty if gating may go on
   */
  public static Optional<Decision.Stop> verify(LifecycleAction action, InstanceFacts facts) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(facts, "facts");
    Phase phase = action.phase();
    if (!phase.isGated()) {
      return Optional.of(new Decision.Stop("terminating actions are not the gate's to decide"));
    }
    if (!facts.instanceId().equals(action.instanceId())) {
      return Optional.of(new Decision.Stop("facts describe " + facts.instanceId() + ", not " + action.instanceId()));
    }
    if (facts.state().isGone()) {
      return Optional.of(new Decision.Stop("instance is " + facts.state().wireName()));
    }
    if (facts.groupName().isEmpty()) {
      return Optional.of(new Decision.Stop("instance is in no Auto Scaling group"));
    }
    if (!facts.groupName().get().equals(action.groupName())) {
      return Optional.of(
          new Decision.Stop("instance is in group " + facts.groupName().get() + ", not " + action.groupName()));
    }
    if (facts.lifecycleState().flatMap(Phase::fromLifecycleState).orElse(null) == Phase.TERMINATING) {
      return Optional.of(
          new Decision.Stop("instance is held by a terminating hook (" + facts.lifecycleState().get() + ")"));
    }
    if (!facts.isWaiting()) {
      return Optional.of(
          new Decision.Stop("instance is not waiting (lifecycle state " + facts.lifecycleState().orElse("unknown") + ")"));
    }
    Optional<Phase> waitPhase = facts.lifecycleState().flatMap(Phase::fromLifecycleState);
    boolean explicit = action.origin().isPresent() || action.destination().isPresent();
    if (explicit
        && waitPhase.isPresent()
        && (waitPhase.get() == Phase.ENTERING_WARM_POOL) != (phase == Phase.ENTERING_WARM_POOL)) {
      // A late or replayed event: the instance has moved on to another wait, with another token.
      return Optional.of(
          new Decision.Stop(
              "stale action: it is for " + phase + " but the instance waits in " + facts.lifecycleState().get()));
    }
    return Optional.empty();
  }

  private static String settleNote(Duration settle) {
    return settle.isZero() ? "" : " and settled " + human(settle);
  }


  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
