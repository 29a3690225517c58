package io.warmgate.core.gate;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.Durations;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Phase;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.probe.Probe;
import io.warmgate.core.probe.ProbeTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One gate round for one instance, with nothing sent: what {@code warmgate check} shows. It uses the
 * gate's own parts (instance lookup, hooks, policy resolver, probes, clock) and its rules ({@link
 * HookChoice}, {@link Decider}, the capped {@link ProbeRound}), so it says what the gate would do.
 * Blocking; thread-safe.
 */
public final class GateCheck {

  private final Gate gate;

  /** Checks with the parts of {@code gate} (its runs are not touched). */
  public GateCheck(Gate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** What a check found. */
  public sealed interface Report permits NothingToGate, Checked {}

  /**
   * The gate would not gate this instance.
   *
   * @param facts the instance, if it was found
   * @param reason why, for people
   */
  public record NothingToGate(Optional<InstanceFacts> facts, String reason) implements Report {}

  /**
   * One round was probed and decided.
   *
   * @param facts the instance
   * @param hook the hook checked
   * @param otherGatedHooks other hooks of the group that the gate gates too (checked with --hook)
   * @param phase the phase, from the lifecycle state and, for {@code Pending:Wait}, the launch's origin
   * @param policy the resolved policy of that phase
   * @param results the probe results, in the policy's order
   * @param decision what the gate decides after this round
   * @param deadline when the gate's deadline is, if the policy has one
   * @param at when the round was decided
   */
  public record Checked(
      InstanceFacts facts,
      LifecycleHook hook,
      List<String> otherGatedHooks,
      Phase phase,
      ReadinessPolicy policy,
      List<ProbeResult> results,
      Decision decision,
      Optional<Instant> deadline,
      Instant at)
      implements Report {

    public Checked {
      otherGatedHooks = List.copyOf(otherGatedHooks);
      results = List.copyOf(results);
    }

    /** Whether every probe passed this round. */
    public boolean passed() {
      return results.stream().allMatch(ProbeResult::passed) && facts.privateIp().isPresent();
    }

    /** What the gate would do now, in one sentence. */
    public String gateWould() {
      if (decision instanceof Decision.Continue c) {
        return "complete the action with CONTINUE now (" + c.reason() + ")";
      } else if (decision instanceof Decision.Abandon a) {
        return "complete the action with ABANDON now (" + a.reason() + ")";
      } else if (decision instanceof Decision.Stop s) {
        return "leave the action alone (" + s.reason() + ")";
      } else if (decision instanceof Decision.Wait w) {
        return passed()
            ? "wait: this round passed, but it continues only after " + policy.consecutiveSuccesses()
                + " passing rounds in a row" + (policy.settleDelay().isZero() ? "" : " and a settle of "
                + Durations.human(policy.settleDelay())) + "; next check at " + w.nextCheckAt()
            : "wait and probe again at " + w.nextCheckAt() + " (" + w.reason() + ")";
      }
      throw new IllegalStateException("unhandled decision " + decision);
    }
  }

  /**
   * Checks {@code instanceId} in {@code group} on {@code hookName}, or on the hook the gate would choose.
   *
   * @throws io.warmgate.core.port.GatePortException if a lookup fails
   * @throws io.warmgate.core.policy.InvalidConfigurationException if the hook's configuration is invalid
   */
  public Report check(String group, String instanceId, Optional<String> hookName) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(hookName, "hookName");
    Optional<InstanceFacts> found = gate.instances().describe(instanceId);
    if (found.isEmpty()) {
      return new NothingToGate(found, "instance " + instanceId + " not found");
    }
    InstanceFacts facts = found.get();
    // Group first: a wrong --group must say so, not that the other group has no hook.
    if (!facts.groupName().map(group::equals).orElse(false)) {
      return new NothingToGate(found, "instance " + instanceId + " is "
          + facts.groupName().map(g -> "in group " + g + ", not in " + group).orElse("in no Auto Scaling group"));
    }
    HookChoice choice = HookChoice.of(group, gate.hooks().list(group));
    LifecycleHook hook;
    if (hookName.isPresent()) {
      Optional<LifecycleHook> named = gate.hooks().find(group, hookName.get());
      if (named.isEmpty()) {
        return new NothingToGate(found, "group " + group + " has no hook " + hookName.get());
      }
      if (named.get().transition() != LifecycleTransition.LAUNCHING) {
        return new NothingToGate(found, "hook " + hookName.get() + " is a terminating hook, not the gate's");
      }
      if (!choice.gates(hookName.get())) {
        return new NothingToGate(found, "the gate does not gate hook " + hookName.get() + ": "
            + choice.problem().orElse("group " + group + " has several launching hooks and its NotificationMetadata does not mention warmgate"));
      }
      hook = named.get();
    } else if (choice.gated().isEmpty()) {
      return new NothingToGate(found, choice.problem().orElse("group " + group + " has no hook the gate gates"));
    } else {
      hook = choice.gated().get(0);
    }
    List<String> others = choice.gated().stream().map(LifecycleHook::hookName).filter(n -> !n.equals(hook.hookName())).toList();
    Phase state = facts.lifecycleState().flatMap(Phase::fromLifecycleState).filter(Phase::isGated).orElse(Phase.COLD_START);
    LifecycleAction action = HookChoice.discovered(group, hook.hookName(), instanceId, state);
    Optional<Decision.Stop> notOurs = Decider.verify(action, facts);
    if (notOurs.isPresent()) {
      // Like the gate: an instance that is not waiting in this group is not probed at all.
      return new NothingToGate(found, notOurs.get().reason());
    }
    // As the gate would resume it: a Pending:Wait launched from the warm pool is a warm start.
    Phase phase = LaunchPhase.of(action, facts, gate.origins());
    ReadinessPolicy policy = gate.policies().resolve(hook).forPhase(phase);
    List<Probe> probes = new ArrayList<>();
    for (ProbeSpec spec : policy.probes()) {
      probes.add(gate.probes().from(spec));
    }
    Instant start = gate.scheduler().now();
    List<ProbeResult> results =
        ProbeRound.run(policy.probes(), probes, new ProbeTarget(instanceId, facts.privateIp().orElse(""), facts.launchTime()), policy.probeTimeout(), gate.scheduler())
            .join();
    Instant now = gate.scheduler().now();
    boolean passed = results.stream().allMatch(ProbeResult::passed);
    ProbeHistory history = ProbeHistory.start(start).afterRound(passed, now);
    Decision decision = Decider.decide(policy, hook, action, facts, history, now);
    return new Checked(facts, hook, others, phase, policy, results, decision, Decider.deadline(policy, facts), now);
  }
}
