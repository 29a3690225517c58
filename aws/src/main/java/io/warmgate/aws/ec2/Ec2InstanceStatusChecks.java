package io.warmgate.aws.ec2;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.port.InstanceStatusChecks;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;

/**
 * Reads an instance's system and instance status checks with {@code DescribeInstanceStatus}
 * ({@code IncludeAllInstances=true}, so stopped and pending instances answer too).
 *
 * <p>An instance EC2 reports nothing for, or does not know, reads {@code not-applicable} for both
 * checks. Blocking; thread-safe.
 */
public final class Ec2InstanceStatusChecks implements InstanceStatusChecks {

  private static final String NOT_APPLICABLE = "not-applicable";

  private final Ec2Client ec2;

  /** Uses the given client; does not close it. */
  public Ec2InstanceStatusChecks(Ec2Client ec2) {
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
  }

  @Override
  public Status status(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    try {
      return ec2.describeInstanceStatus(r -> r.instanceIds(instanceId).includeAllInstances(true))
          .instanceStatuses().stream()
          .filter(s -> instanceId.equals(s.instanceId()))
          .findFirst()
          .map(Ec2InstanceStatusChecks::toStatus)
          .orElse(new Status(NOT_APPLICABLE, NOT_APPLICABLE));
    } catch (SdkException e) {
      if (AwsFailures.errorCode(e).filter(c -> c.startsWith("InvalidInstanceID.")).isPresent()) {
        return new Status(NOT_APPLICABLE, NOT_APPLICABLE);
      }
      throw AwsFailures.wrap("DescribeInstanceStatus for " + instanceId, e);
    }
  }

  private static Status toStatus(InstanceStatus s) {
    return new Status(summary(s.systemStatus()), summary(s.instanceStatus()));
  }

  private static String summary(InstanceStatusSummary summary) {
    if (summary == null || summary.statusAsString() == null) {
      return NOT_APPLICABLE;
    }
    return summary.statusAsString();
  }
}
