package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.PoolState;
import software.amazon.awscdk.services.autoscaling.WarmPoolOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * Runs the copy-paste example of docs/deployment.md in a stack of its own, so the guide keeps
 * compiling and synthesizing as the construct changes.
 */
class DeploymentGuideExampleTest {

  /** An existing app's stack: a VPC and a group, plus the guide's snippet. */
  static final class ExistingStack extends Stack {
    ExistingStack(Construct scope, String id) {
      super(scope, id);
      Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();
      SecurityGroup webSg = SecurityGroup.Builder.create(this, "WebSg").vpc(vpc).build();
      AutoScalingGroup web = AutoScalingGroup.Builder.create(this, "Web")
          .vpc(vpc)
          .launchTemplate(LaunchTemplate.Builder.create(this, "Template")
              .machineImage(MachineImage.latestAmazonLinux2023())
              .instanceType(InstanceType.of(InstanceClass.T3, InstanceSize.MICRO))
              .securityGroup(webSg)
              .build())
          .minCapacity(1)
          .maxCapacity(3)
          .build();

      // --- the guide's snippet, unchanged ---
      WarmGate gate = new WarmGate(this, "WarmGate", WarmGateProps.builder()
          .autoScalingGroup(web)
          .vpc(vpc)
          .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
          .instanceSecurityGroup(webSg)
          .policy(ReadinessPolicy.builder()
              .path("/health")
              .build())
          .alarmEmail("ops@example.com")
          .build());
      web.addWarmPool(WarmPoolOptions.builder().poolState(PoolState.STOPPED).build())
          .getNode().addDependency(gate);
      WarmGateNag.suppressAccepted(gate);
    }
  }

  static SynthesizedStack stack;

  @BeforeAll
  static void synthesize() {
    stack = SynthesizedStack.synth(() -> {
      App app = new App();
      Aspects.of(app).add(new AwsSolutionsChecks());
      new ExistingStack(app, "Existing");
      return app;
    }, "Existing");
  }

  @Test
  void theExampleSynthesizesAndHooksTheGroupByReference() {
    String group = stack.template().findResources("AWS::AutoScaling::AutoScalingGroup").keySet().iterator().next();

    stack.template().hasResourceProperties("AWS::AutoScaling::LifecycleHook", Map.of(
        "AutoScalingGroupName", Map.of("Ref", group)));
    stack.template().hasResourceProperties("AWS::IAM::Role", Map.of("Policies", List.of(Map.of("PolicyName", "gate",
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(Map.of("Ref", group)))))))))))))));
    stack.template().hasResource("AWS::AutoScaling::WarmPool", Map.of(
        "DependsOn", Match.arrayWith(List.of(Match.stringLikeRegexp("WarmGateLaunchHook.*")))));
  }

  @Test
  void theExamplesGatePartsRaiseNoCdkNagErrorOnceSuppressed() {
    List<String> gateErrors = stack.errors().stream()
        .filter(error -> error.startsWith("/Existing/WarmGate/"))
        .toList();

    // The rest of this example stack (a bare VPC and group) is the user's business, not the gate's.
    assertThat(gateErrors).isEmpty();
  }
}
