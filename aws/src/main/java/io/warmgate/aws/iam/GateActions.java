package io.warmgate.aws.iam;

import io.warmgate.aws.iam.GateAction.Need;
import io.warmgate.aws.iam.GateAction.Scope;
import java.util.List;

/**
 * Every IAM action the gate's adapters call, and nothing else: what a deployment grants the gate.
 *
 * <p>A test in this module reads the adapters' bytecode and fails when an adapter calls an Auto
 * Scaling or EC2 operation this list lacks, or when the list holds one no adapter calls, so a grant
 * built from it cannot drift from the code. The SQS actions of {@code warmgate run --queue-url}'s queue
 * reader ({@link Need#QUEUE_RUNNER}) are held to the CLI's bytecode by a test there; no deployment of the
 * function needs them. What the runtime around the gate needs (a Lambda
 * function's network interfaces and logs) is not here; the deployment adds it.
 */
public final class GateActions {

  /** The actions, Auto Scaling first, in the order a lifecycle action meets them. */
  public static final List<GateAction> ALL = List.of(
      new GateAction("autoscaling:DescribeAutoScalingInstances", Scope.ANY, Need.ALWAYS, List.of("AutoScalingInstances", "BatchingInstances"),
          "checks that the instance belongs to the group and is waiting on a hook"),
      new GateAction("autoscaling:DescribeLifecycleHooks", Scope.ANY, Need.ALWAYS, List.of("AutoScalingLifecycleHooks"),
          "reads the hook's heartbeat timeout, default result and NotificationMetadata (the readiness policy)"),
      new GateAction("autoscaling:RecordLifecycleActionHeartbeat", Scope.GROUP, Need.ALWAYS, List.of("AutoScalingLifecycleActions"),
          "keeps the hook from timing out while the instance boots"),
      new GateAction("autoscaling:CompleteLifecycleAction", Scope.GROUP, Need.ALWAYS, List.of("AutoScalingLifecycleActions"),
          "releases the instance with CONTINUE once ready, or ABANDON at the deadline"),
      new GateAction("autoscaling:DescribeAutoScalingGroups", Scope.ANY, Need.ALWAYS, List.of("AutoScalingWaitingInstances"),
          "the sweep lists the group's instances waiting on a hook"),
      new GateAction("autoscaling:DescribeWarmPool", Scope.ANY, Need.ALWAYS, List.of("AutoScalingWaitingInstances"),
          "the sweep lists the warm pool's waiting instances, which DescribeAutoScalingGroups leaves out"),
      new GateAction("autoscaling:DescribeScalingActivities", Scope.ANY, Need.ALWAYS, List.of("ScalingActivityLaunchOrigins"),
          "tells a warm start from a cold start when the sweep finds an instance in Pending:Wait (the activity says \"from warm pool\")"),
      new GateAction("autoscaling:DescribeTags", Scope.ANY, Need.TAG_DISCOVERY, List.of("TaggedManagedGroups"),
          "the sweep finds the groups tagged as managed"),
      new GateAction("ec2:DescribeInstances", Scope.ANY, Need.ALWAYS, List.of("AutoScalingInstances", "BatchingInstances"),
          "reads the instance's private IP (the probe target), state and LaunchTime (the deadline's start)"),
      new GateAction("ec2:DescribeInstanceStatus", Scope.ANY, Need.ALWAYS, List.of("Ec2InstanceStatusChecks"),
          "the ec2status probe reads the system and instance status checks"),
      new GateAction("ec2:GetConsoleOutput", Scope.INSTANCE, Need.CONSOLE_PROBE, List.of("Ec2ConsoleOutputs"),
          "the ec2console probe reads EC2Launch's ready line from the instance's console output"),
      new GateAction("sqs:ReceiveMessage", Scope.QUEUE, Need.QUEUE_RUNNER, List.of("QueueRunner"),
          "warmgate run --queue-url long-polls the queue for lifecycle messages"),
      new GateAction("sqs:ChangeMessageVisibility", Scope.QUEUE, Need.QUEUE_RUNNER, List.of("QueueRunner"),
          "keeps a message hidden while its action is gated, and returns it at once on shutdown"),
      new GateAction("sqs:DeleteMessage", Scope.QUEUE, Need.QUEUE_RUNNER, List.of("QueueRunner"),
          "acknowledges a message once its action is decided, gone or handed over, or the message is malformed"));

  private GateActions() {}

  /** The actions a deployment needs, with or without tag discovery of managed groups, without the console probe. */
  public static List<GateAction> needed(boolean tagDiscovery) {
    return needed(tagDiscovery, false);
  }

  /**
   * The actions a deployment of the gate needs (never the queue reader's, which only {@code warmgate run} calls).
   *
   * @param tagDiscovery whether managed groups are also discovered by tag
   * @param consoleProbe whether a readiness policy the deployment writes uses the {@code ec2console} probe
   */
  public static List<GateAction> needed(boolean tagDiscovery, boolean consoleProbe) {
    return ALL.stream().filter(a -> switch (a.need()) {
      case ALWAYS -> true;
      case TAG_DISCOVERY -> tagDiscovery;
      case CONSOLE_PROBE -> consoleProbe;
      case QUEUE_RUNNER -> false;
    }).toList();
  }

  /** The names of the actions in {@code actions} with the given scope, in list order. */
  public static List<String> names(List<GateAction> actions, Scope scope) {
    return actions.stream().filter(a -> a.scope() == scope).map(GateAction::action).toList();
  }
}
