package io.warmgate.aws.iam;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One IAM action that an adapter calls: its name, the resource a policy must grant it on, when the
 * gate needs it, the adapters that call it and why.
 *
 * @param action the IAM action, {@code service:Operation} (e.g. {@code autoscaling:DescribeTags})
 * @param scope what a policy grants it on
 * @param need when the gate calls it
 * @param calledBy the simple names of the adapter classes that call it (at least one)
 * @param reason one sentence: what the gate uses the answer for
 */
public record GateAction(String action, Scope scope, Need need, List<String> calledBy, String reason) {

  private static final Pattern ACTION = Pattern.compile("(autoscaling|ec2|sqs):[A-Z][A-Za-z]+");

  /** What resource the action is granted on. */
  public enum Scope {
    /** The managed group's ARN ({@code arn:...:autoScalingGroup:*:autoScalingGroupName/NAME}). */
    GROUP,
    /** {@code *}: the action supports no resource-level permissions (Auto Scaling and EC2 describes). */
    ANY,
    /** Instances ({@code arn:...:ec2:REGION:ACCOUNT:instance/*}): the action supports the instance ARN. */
    INSTANCE,
    /** The queue's ARN ({@code arn:...:sqs:REGION:ACCOUNT:NAME}). */
    QUEUE
  }

  /** When the gate calls the action. */
  public enum Need {
    /** On every deployment. */
    ALWAYS,
    /** Only when managed groups are also discovered by tag ({@code WARMGATE_MANAGED_TAG} not {@code none}). */
    TAG_DISCOVERY,
    /** Only when a readiness policy the deployment writes uses the {@code ec2console} probe. */
    CONSOLE_PROBE,
    /** Only for the daemon's queue reader, {@code warmgate run --queue-url}. */
    QUEUE_RUNNER
  }

  /** Validates the fields; the action must be {@code autoscaling:}, {@code ec2:} or {@code sqs:} plus an operation name. */
  public GateAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(need, "need");
    calledBy = List.copyOf(Objects.requireNonNull(calledBy, "calledBy"));
    if (calledBy.isEmpty()) {
      throw new IllegalArgumentException("calledBy must name at least one adapter for " + action);
    }
    Objects.requireNonNull(reason, "reason");
    if (!ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("action must look like autoscaling:Operation, ec2:Operation or sqs:Operation, got '" + action + "'");
    }
  }

  /** The service prefix, {@code autoscaling}, {@code ec2} or {@code sqs}. */
  public String service() {
    return action.substring(0, action.indexOf(':'));
  }

  /** The API operation, e.g. {@code DescribeTags}. */
  public String operation() {
    return action.substring(action.indexOf(':') + 1);
  }
}
