package io.warmgate.core.testing;

import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.InstanceState;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Instances;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Instances held in memory; tests put, change and remove them, and script lookup failures. Thread-safe. */
public final class FakeInstances implements Instances {

  private final Map<String, InstanceFacts> instances = new ConcurrentHashMap<>();
  private final Deque<GatePortException> failures = new ArrayDeque<>();
  private final AtomicInteger describeCalls = new AtomicInteger();

  /** A running Windows instance of {@code group} in {@code lifecycleState}, with a private IP. */
  public static InstanceFacts waiting(String instanceId, String group, String lifecycleState, String privateIp, Instant launchTime) {
    return new InstanceFacts(
        instanceId,
        Optional.of(group),
        Optional.of(lifecycleState),
        InstanceState.RUNNING,
        Optional.ofNullable(privateIp),
        launchTime,
        Optional.of("windows"));
  }

  /** Adds or replaces an instance. */
  public FakeInstances put(InstanceFacts facts) {
    instances.put(facts.instanceId(), Objects.requireNonNull(facts, "facts"));
    return this;
  }

  /** Forgets an instance: lookups then find nothing, as for one terminated long ago. */
  public void remove(String instanceId) {
    instances.remove(instanceId);
  }

  /** Changes an instance. */
  public void update(String instanceId, UnaryOperator<InstanceFacts> change) {
    instances.computeIfPresent(instanceId, (k, f) -> change.apply(f));
  }

  /** Moves an instance to another lifecycle state. */
  public void setLifecycleState(String instanceId, String lifecycleState) {
    update(
        instanceId,
        f -> new InstanceFacts(f.instanceId(), f.groupName(), Optional.of(lifecycleState), f.state(), f.privateIp(), f.launchTime(), f.platform()));
  }

  /** Moves an instance to another EC2 state. */
  public void setState(String instanceId, InstanceState state) {
    update(
        instanceId,
        f -> new InstanceFacts(f.instanceId(), f.groupName(), f.lifecycleState(), state, f.privateIp(), f.launchTime(), f.platform()));
  }

  /** The current facts of an instance, if known. */
  public Optional<InstanceFacts> get(String instanceId) {
    return Optional.ofNullable(instances.get(instanceId));
  }

  /** Makes the next {@code times} lookups throw {@code failure}. */
  public synchronized void failNext(int times, GatePortException failure) {
    for (int i = 0; i < times; i++) {
      failures.add(failure);
    }
  }

  /** Lookups so far. */
  public int describeCalls() {
    return describeCalls.get();
  }

  @Override
  public Optional<InstanceFacts> describe(String instanceId) {
    describeCalls.incrementAndGet();
    GatePortException f;
    synchronized (this) {
      f = failures.poll();
    }
    if (f != null) {
      throw f;
    }
    return Optional.ofNullable(instances.get(instanceId));
  }
}
