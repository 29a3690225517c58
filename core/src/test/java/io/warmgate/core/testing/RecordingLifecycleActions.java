package io.warmgate.core.testing;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.Scheduler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Records heartbeats and completions, with the scheduler's time of each. Like Auto Scaling, answers
 * NOT_ACTIVE for an action already completed; tests can also make every action inactive, or make calls
 * fail. Thread-safe.
 */
public final class RecordingLifecycleActions implements LifecycleActions {

  /** One recorded heartbeat. */
  public record Heartbeat(LifecycleAction action, Instant at, Outcome outcome) {}

  /** One recorded completion. */
  public record Completion(LifecycleAction action, LifecycleResult result, Instant at, Outcome outcome) {}

  private final Scheduler clock;
  private final List<Heartbeat> heartbeats = new ArrayList<>();
  private final List<Completion> completions = new ArrayList<>();
  private final Set<String> completed = ConcurrentHashMap.newKeySet();
  private final Deque<GatePortException> heartbeatFailures = new ArrayDeque<>();
  private final Deque<GatePortException> completionFailures = new ArrayDeque<>();
  private final java.util.Map<String, String> tokens = new ConcurrentHashMap<>();
  private volatile boolean allInactive;
  private volatile Consumer<Completion> onComplete = c -> {};

  /** Records with times from {@code clock}. */
  public RecordingLifecycleActions(Scheduler clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** From now on, answers NOT_ACTIVE to everything (the hook timed out, or someone else completed). */
  public void makeAllInactive() {
    allInactive = true;
  }

  /**
   * Gives an instance's action its token: from now on a call naming another token for that instance is
   * NOT_ACTIVE, as Auto Scaling answers a made-up one (a call by instance id still reaches the action).
   */
  public void token(String instanceId, String token) {
    tokens.put(instanceId, token);
  }

  private boolean tokenRefused(LifecycleAction action) {
    String real = tokens.get(action.instanceId());
    return real != null && action.token().isPresent() && !action.token().get().equals(real);
  }

  /** Makes the next {@code times} heartbeats throw. */
  public synchronized void failNextHeartbeats(int times, boolean retryable) {
    for (int i = 0; i < times; i++) {
      heartbeatFailures.add(new GatePortException("scripted heartbeat failure", null, retryable));
    }
  }

  /** Makes the next {@code times} completions throw. */
  public synchronized void failNextCompletions(int times, boolean retryable) {
    for (int i = 0; i < times; i++) {
      completionFailures.add(new GatePortException("scripted completion failure", null, retryable));
    }
  }

  /** Called after each accepted completion (e.g. to move a fake instance on). */
  public void onComplete(Consumer<Completion> callback) {
    this.onComplete = Objects.requireNonNull(callback, "callback");
  }

  /** Heartbeats so far, in order. */
  public synchronized List<Heartbeat> heartbeats() {
    return List.copyOf(heartbeats);
  }

  /** Heartbeats for one instance, in order. */
  public synchronized List<Heartbeat> heartbeats(String instanceId) {
    return heartbeats.stream().filter(h -> h.action().instanceId().equals(instanceId)).toList();
  }

  /** Completions so far, in order. */
  public synchronized List<Completion> completions() {
    return List.copyOf(completions);
  }

  /** The accepted completion of one instance, if any. */
  public synchronized Optional<Completion> completion(String instanceId) {
    return completions.stream()
        .filter(c -> c.action().instanceId().equals(instanceId) && c.outcome() == Outcome.ACCEPTED)
        .findFirst();
  }

  @Override
  public Outcome recordHeartbeat(LifecycleAction action) {
    Heartbeat h;
    synchronized (this) {
      GatePortException f = heartbeatFailures.poll();
      if (f != null) {
        throw f;
      }
      Outcome o = allInactive || tokenRefused(action) || completed.contains(action.key()) ? Outcome.NOT_ACTIVE : Outcome.ACCEPTED;
      h = new Heartbeat(action, clock.now(), o);
      heartbeats.add(h);
    }
    return h.outcome();
  }

  @Override
  public Outcome complete(LifecycleAction action, LifecycleResult result) {
    Completion c;
    synchronized (this) {
      GatePortException f = completionFailures.poll();
      if (f != null) {
        throw f;
      }
      Outcome o = allInactive || tokenRefused(action) || !completed.add(action.key()) ? Outcome.NOT_ACTIVE : Outcome.ACCEPTED;
      c = new Completion(action, result, clock.now(), o);
      completions.add(c);
    }
    if (c.outcome() == Outcome.ACCEPTED) {
      onComplete.accept(c);
    }
    return c.outcome();
  }
}
