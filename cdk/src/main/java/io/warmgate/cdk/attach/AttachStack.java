package io.warmgate.cdk.attach;

import io.warmgate.cdk.ReadinessPolicy;
import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateNag;
import io.warmgate.cdk.WarmGateProps;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Deploys a {@link WarmGate} onto an existing group; the VPC, subnets and security group are
 * imported by id, so synthesis needs no AWS account and makes no lookups.
 */
public final class AttachStack extends Stack {

  private final WarmGate gate;

  /** Creates the stack for the group described by {@code settings}. */
  public AttachStack(Construct scope, String id, StackProps props, AttachSettings settings) {
    super(scope, id, props);
    WarmGateProps.Builder gateProps = WarmGateProps.builder()
        .autoScalingGroupName(settings.groupName())
        .shadow(settings.shadow());
    if (settings.readiness() == AttachSettings.Readiness.CONSOLE) {
      // EC2Launch's ready line through the EC2 API: no VPC, subnets or security group at all.
      gateProps.policy(ReadinessPolicy.builder()
          .probes(new Ec2ConsoleProbeSpec())
          .deadline(settings.deadline())
          .build());
    } else {
      VpcAttributes.Builder vpcAttributes = VpcAttributes.builder()
          .vpcId(settings.vpcId())
          // The subnets are imported one by one below; the VPC's own zone list is never read.
          .availabilityZones(Fn.getAzs());
      if (settings.vpcCidr() != null) {
        vpcAttributes.vpcCidrBlock(settings.vpcCidr());
      }
      IVpc vpc = Vpc.fromVpcAttributes(this, "Vpc", vpcAttributes.build());
      List<ISubnet> subnets = new ArrayList<>();
      for (String subnetId : settings.subnetIds()) {
        subnets.add(Subnet.fromSubnetId(this, "Subnet-" + subnetId, subnetId));
      }
      gateProps.vpc(vpc)
          .vpcSubnets(SubnetSelection.builder().subnets(subnets).build())
          .policy(ReadinessPolicy.builder()
              .port(settings.healthPort())
              .path(settings.healthPath())
              .codes(settings.healthCodes())
              .deadline(settings.deadline())
              .build());
      if (settings.securityGroupId() != null) {
        gateProps.instanceSecurityGroup(SecurityGroup.fromSecurityGroupId(this, "InstanceSecurityGroup",
            settings.securityGroupId(), SecurityGroupImportOptions.builder().allowAllOutbound(true).mutable(true).build()));
      }
    }
    if (settings.alarmTopicArn() != null) {
      gateProps.alarmTopic(Topic.fromTopicArn(this, "AlarmTopic", settings.alarmTopicArn()));
    }
    gateProps.alarmEmail(settings.alarmEmail());
    this.gate = new WarmGate(this, "WarmGate", gateProps.build());
    // Imports by id are the point of this app: no lookups, so neither zones nor route tables are known.
    Annotations.of(this).acknowledgeWarning("@aws-cdk/aws-ec2:vpcAttributeIsListTokenavailabilityZones", "the VPC's subnets are imported one by one");
    Annotations.of(this).acknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId", "the gate never reads route tables");
    WarmGateNag.suppressAccepted(gate);
  }

  /** The gate this stack deploys. */
  public WarmGate getGate() {
    return gate;
  }
}
