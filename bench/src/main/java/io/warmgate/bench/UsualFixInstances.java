package io.warmgate.bench;

import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.InstanceState;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Instances;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The lookups of the usual fix: the first one asks Auto Scaling and EC2 (through the gate's adapter),
 * every later one only {@code DescribeInstances} for that one instance, keeping the group and lifecycle
 * state it saw first. That is what a function that calls DescribeInstances on every loop costs.
 *
 * <p>Blocking; thread-safe. Only the benchmark uses it, to compare against.
 */
final class UsualFixInstances implements Instances {

  private final Instances first;
  private final Ec2Client ec2;
  private final Map<String, InstanceFacts> seen = new ConcurrentHashMap<>();

  UsualFixInstances(Instances first, Ec2Client ec2) {
    this.first = Objects.requireNonNull(first, "first");
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
  }

  /** Forgets what the first lookups saw, before the instances wait in another phase with new actions. */
  void forget() {
    seen.clear();
  }

  @Override
  public Optional<InstanceFacts> describe(String instanceId) {
    InstanceFacts known = seen.get(instanceId);
    if (known == null) {
      Optional<InstanceFacts> facts = first.describe(instanceId);
      facts.ifPresent(f -> seen.put(instanceId, f));
      return facts;
    }
    Instance i;
    try {
      i = ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
          .map(Reservation::instances)
          .flatMap(java.util.List::stream)
          .filter(x -> instanceId.equals(x.instanceId()))
          .findFirst()
          .orElse(null);
    } catch (SdkException e) {
      throw new GatePortException("DescribeInstances for " + instanceId + " failed: " + e.getMessage(), e, true);
    }
    if (i == null) {
      return Optional.empty();
    }
    InstanceFacts next =
        new InstanceFacts(
            instanceId,
            known.groupName(),
            known.lifecycleState(),
            InstanceState.fromWire(i.state().nameAsString()),
            Optional.ofNullable(i.privateIpAddress()).filter(s -> !s.isBlank()),
            i.launchTime() != null ? i.launchTime() : known.launchTime(),
            known.platform());
    seen.put(instanceId, next);
    return Optional.of(next);
  }
}
