package io.warmgate.core.gate;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.policy.ReadinessPolicy;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Instances;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run knows of its instance, and when to look it up again: every {@code factsRefreshEvery}, sooner
 * while probes fail (the instance may be gone), every round while it has no address or is not running,
 * and after a later runner joined the run. A failed lookup backs off ({@link GateOptions#backoff(int,
 * Duration)} up to {@code factsRefreshOnFailure}), so a throttled API is not asked every round for every
 * instance; probing goes on with what is known meanwhile.
 *
 * <p>Used by one run, whose steps run one after another; only {@link #recheck()} comes from other threads.
 */
final class ActionFacts {

  private final LifecycleAction action;
  private final Instances instances;
  private final Scheduler clock;
  private final GateOptions options;
  private InstanceFacts facts;
  private Instant factsAt;
  private boolean refreshWanted;
  // Set by a later runner (the next sweep) joining this run: look the instance up again at the next round.
  private volatile boolean recheckWanted;
  private int refreshFailures;
  private Instant refreshNotBefore;

  ActionFacts(LifecycleAction action, Instances instances, Scheduler clock, GateOptions options) {
    this.action = Objects.requireNonNull(action, "action");
    this.instances = Objects.requireNonNull(instances, "instances");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The facts last looked up; null before the first {@link #lookUp()} found the instance. */
  InstanceFacts current() {
    return facts;
  }

  /** When the current facts were looked up. */
  Instant at() {
    return factsAt;
  }

  /**
   * Looks the instance up (again) into {@link #current()}.
   *
   * @return why the run stops if the instance is gone, else empty
   * @throws GatePortException if the lookup failed
   */
  Optional<String> lookUp() {
    Optional<InstanceFacts> found = instances.describe(action.instanceId());
    if (found.isEmpty()) {
      return Optional.of("instance " + action.instanceId() + " not found");
    }
    facts = found.get();
    factsAt = clock.now();
    return Optional.empty();
  }

  /**
   * Looks the instance up again and checks that it still waits as the action says ({@link Decider#verify}).
   *
   * @return why the run stops (gone, moved on, not ours), else empty
   * @throws GatePortException if the lookup failed
   */
  Optional<String> lookUpAndVerify() {
    Optional<String> gone = lookUp();
    if (gone.isPresent()) {
      return gone;
    }
    return Decider.verify(action, facts).map(Decision.Stop::reason);
  }

  /** A probe round failed: the instance may be gone, so its facts are due sooner. */
  void roundFailed() {
    refreshWanted = true;
  }

  /** A later runner reported the same action: its facts are due at the next round. */
  void recheck() {
    recheckWanted = true;
  }

  /** True if the facts should be looked up again before the round that starts {@code now}. */
  boolean due(ReadinessPolicy policy, Instant now) {
    Duration age = Duration.between(factsAt, now);
    boolean stale = age.compareTo(options.factsRefreshEvery()) >= 0;
    boolean suspect = refreshWanted && age.compareTo(options.factsRefreshOnFailure()) >= 0;
    boolean noAddress = facts.privateIp().isEmpty() && age.compareTo(policy.interval()) >= 0;
    // A stopped instance's LaunchTime is an earlier boot's: look again every round until it runs.
    boolean notStarted = !facts.state().isBooting() && age.compareTo(policy.interval()) >= 0;
    boolean recheck = recheckWanted && age.compareTo(policy.interval()) >= 0;
    boolean allowed = refreshNotBefore == null || !now.isBefore(refreshNotBefore);
    return (stale || suspect || noAddress || notStarted || recheck) && allowed;
  }

  /**
   * Looks the instance up again for a round; a failed lookup is backed off.
   *
   * @return why the run stops (gone, moved on, not ours), else empty
   * @throws GatePortException if the lookup failed (the next one waits for the backoff)
   */
  Optional<String> refresh() {
    Optional<String> stop;
    try {
      stop = lookUpAndVerify();
    } catch (GatePortException e) {
      refreshFailures++;
      refreshNotBefore = clock.now().plus(options.backoff(refreshFailures, options.factsRefreshOnFailure()));
      throw e;
    }
    refreshWanted = false;
    recheckWanted = false;
    refreshFailures = 0;
    refreshNotBefore = null;
    return stop;
  }
}
