package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyResolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;

/** The shortest deployment: console readiness only, so no VPC at all, and the console grant only then. */
class ConsoleReadinessDeploymentTest {

  static SynthesizedStack console;

  private static final ReadinessPolicy CONSOLE = ReadinessPolicy.builder().probes(new Ec2ConsoleProbeSpec()).build();

  @BeforeAll
  static void synthesize() {
    console = SynthesizedStack.synth(() -> {
      App app = new App();
      Aspects.of(app).add(new AwsSolutionsChecks());
      Stack stack = new Stack(app, "Console");
      WarmGateNag.suppressAccepted(new WarmGate(stack, "Gate", WarmGateProps.builder()
          .autoScalingGroupName("win")
          .policy(CONSOLE)
          .lambdaCode(Code.fromBucket(Bucket.fromBucketName(stack, "Artifacts", "artifacts-bucket"), "warmgate-lambda.jar"))
          .build()));
      return app;
    }, "Console");
  }

  @Test
  void aConsoleOnlyPolicyPutsTheFunctionOutsideAnyVpc() {
    console.template().resourceCountIs("AWS::EC2::SecurityGroup", 0);
    console.template().resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    console.template().hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Match.absent()));
    assertThat(console.allowedActions()).doesNotContainAnyElementsOf(WarmGate.VPC_ACTIONS);
    assertThat(console.errors()).isEmpty();
  }

  @Test
  void onlyAPolicyThatUsesTheConsoleProbeIsGrantedGetConsoleOutputOnInstances() {
    assertThat(console.allowedActions()).contains("ec2:GetConsoleOutput");
    console.template().hasResourceProperties("AWS::IAM::Role", Map.of("Policies", List.of(Map.of("PolicyName", "gate",
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
            "Sid", "ConsoleOutputOfInstances", "Effect", "Allow", "Action", "ec2:GetConsoleOutput",
            "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ec2:",
                Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":instance/*"))))))))))));
    assertThat(ReadinessPolicy.builder().build().probeKinds()).containsExactly("http");
  }

  @Test
  void theGateReadsTheConsoleProbeFromTheMetadataTheConstructWrites() {
    ReadinessPolicy policy = ReadinessPolicy.builder()
        .probes(new Ec2ConsoleProbeSpec(Optional.empty(), Ec2ConsoleProbeSpec.Latest.NEVER, Duration.ofSeconds(5)))
        .leavingWarmPool(PhasePolicy.builder().deadline(Duration.ofMinutes(15)).interval(Duration.ofSeconds(2))
            .probes(new Ec2ConsoleProbeSpec(), HttpProbeSpec.http(8080, "/ready")).build())
        .build();

    PhasePolicies gate = new PolicyResolver(new JacksonMetadataParser(), List.of())
        .resolve("warmgate-launch", Optional.of(policy.toNotificationMetadata()));

    assertThat(gate.forPhase(Phase.ENTERING_WARM_POOL).probes())
        .containsExactly(new Ec2ConsoleProbeSpec(Optional.empty(), Ec2ConsoleProbeSpec.Latest.NEVER, Duration.ofSeconds(5)));
    assertThat(gate.forPhase(Phase.LEAVING_WARM_POOL).probes()).extracting(s -> s.kind()).containsExactly("ec2console", "http");
    assertThat(policy.needsNetwork()).isTrue();
    assertThat(CONSOLE.needsNetwork()).isFalse();
    assertThat(CONSOLE.toNotificationMetadata()).contains("\"probes\":\"ec2console\"").doesNotContain("\"http\"");
  }

  @Test
  void aPolicyThatProbesTheInstancesStillNeedsAVpc() {
    assertThatThrownBy(() -> WarmGateProps.builder().autoScalingGroupName("web").build())
        .isInstanceOf(NullPointerException.class).hasMessage("vpc");
  }
}
