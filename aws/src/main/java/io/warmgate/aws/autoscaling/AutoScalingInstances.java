package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.InstanceState;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Instances;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Describes an instance from Auto Scaling ({@code DescribeAutoScalingInstances}: group and lifecycle
 * state, warm pool included) and EC2 ({@code DescribeInstances}: state, private IP, LaunchTime,
 * platform).
 *
 * <p>An instance EC2 does not know ({@code InvalidInstanceID.NotFound} or {@code .Malformed}) is
 * {@link Optional#empty()}; a terminated one comes back with {@link InstanceState#TERMINATED} and,
 * usually, no group. Blocking; thread-safe.
 */
public final class AutoScalingInstances implements Instances {

  private final AutoScalingClient autoScaling;
  private final Ec2Client ec2;

  /** Uses the given clients; does not close them. */
  public AutoScalingInstances(AutoScalingClient autoScaling, Ec2Client ec2) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
  }

  @Override
  public Optional<InstanceFacts> describe(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    Optional<Instance> ec2Instance = describeEc2(instanceId);
    if (ec2Instance.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(facts(instanceId, ec2Instance.get(), describeMembership(instanceId)));
  }

  /**
   * What EC2 and Auto Scaling said of one instance, as facts.
   *
   * @throws GatePortException if EC2's answer lacks the state or LaunchTime, or names an unknown state
   */
  static InstanceFacts facts(String instanceId, Instance i, Optional<AutoScalingInstanceDetails> membership) {
    InstanceState state = state(i, instanceId);
    if (i.launchTime() == null) {
      throw new GatePortException(
          "DescribeInstances for " + instanceId + " returned no LaunchTime", null, false);
    }
    return new InstanceFacts(
        instanceId,
        membership.map(AutoScalingInstanceDetails::autoScalingGroupName).filter(s -> !s.isBlank()),
        membership.map(AutoScalingInstanceDetails::lifecycleState).filter(s -> !s.isBlank()),
        state,
        Optional.ofNullable(i.privateIpAddress()).filter(s -> !s.isBlank()),
        i.launchTime(),
        Optional.ofNullable(i.platformAsString()).filter(s -> !s.isBlank()));
  }

  private Optional<Instance> describeEc2(String instanceId) {
    try {
      return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
          .map(Reservation::instances)
          .flatMap(List::stream)
          .filter(i -> instanceId.equals(i.instanceId()))
          .findFirst();
    } catch (SdkException e) {
      if (AwsFailures.errorCode(e)
          .filter(c -> c.equals("InvalidInstanceID.NotFound") || c.equals("InvalidInstanceID.Malformed"))
          .isPresent()) {
        return Optional.empty();
      }
      throw AwsFailures.wrap("DescribeInstances for " + instanceId, e);
    }
  }

  private Optional<AutoScalingInstanceDetails> describeMembership(String instanceId) {
    try {
      return autoScaling.describeAutoScalingInstances(r -> r.instanceIds(instanceId)).autoScalingInstances().stream()
          .filter(d -> instanceId.equals(d.instanceId()))
          .findFirst();
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeAutoScalingInstances for " + instanceId, e);
    }
  }

  private static InstanceState state(Instance i, String instanceId) {
    if (i.state() == null || i.state().nameAsString() == null) {
      throw new GatePortException("DescribeInstances for " + instanceId + " returned no state", null, false);
    }
    try {
      return InstanceState.fromWire(i.state().nameAsString());
    } catch (IllegalArgumentException e) {
      throw new GatePortException(
          "DescribeInstances for " + instanceId + " returned an unknown state '" + i.state().nameAsString() + "'",
          e,
          false);
    }
  }
}
