package io.warmgate.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Annotations;

/**
 * Records, with a one-line reason each, the cdk-nag AwsSolutions findings that a {@link WarmGate}
 * accepts by design. Call it in any app that runs cdk-nag over a gate.
 */
public final class WarmGateNag {

  private WarmGateNag() {}

  /** Suppresses the gate's accepted findings and acknowledges its known CDK warnings. */
  public static void suppressAccepted(WarmGate gate) {
    NagSuppressions.addResourceSuppressions(gate.getRole(), List.of(
        NagPackSuppression.builder().id("AwsSolutions-IAM5")
            .reason("Describe* and the VPC network-interface actions support no resource scoping; describes are held to the stack's region.")
            .appliesTo(List.of("Resource::*"))
            .build(),
        NagPackSuppression.builder().id("AwsSolutions-IAM5")
            .reason("A group ARN embeds a UUID unknown before creation; the wildcard stands for it only, the group name is fixed.")
            .appliesTo(List.of(RegexAppliesTo.builder()
                .regex("/^Resource::arn:<AWS::Partition>:autoscaling:<AWS::Region>:<AWS::AccountId>:autoScalingGroup:\\*:autoScalingGroupName\\/[^*]+$/")
                .build()))
            .build(),
        NagPackSuppression.builder().id("AwsSolutions-IAM5")
            .reason("With tag discovery on, any group may be gated; a condition on the managed tag holds the grant to tagged groups.")
            .appliesTo(List.of("Resource::arn:<AWS::Partition>:autoscaling:<AWS::Region>:<AWS::AccountId>:autoScalingGroup:*:autoScalingGroupName/*"))
            .build(),
        NagPackSuppression.builder().id("AwsSolutions-IAM5")
            .reason("The ec2console probe reads the console of whichever instance the group launches; instance ids are not known at deploy time. Granted only to a policy that uses the probe, in the stack's region and account.")
            .appliesTo(List.of("Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*"))
            .build()), true);
    NagSuppressions.addResourceSuppressions(gate.getFunction(), List.of(
        NagPackSuppression.builder().id("AwsSolutions-L1")
            .reason("java21 is the LTS runtime the gate jar is built and tested for (with SnapStart on arm64).")
            .build()), true);
    // The alias publishes a version, which is what SnapStart needs; the warning cannot see that.
    Annotations.of(gate.getFunction()).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "the construct publishes a version through its alias");
  }
}
