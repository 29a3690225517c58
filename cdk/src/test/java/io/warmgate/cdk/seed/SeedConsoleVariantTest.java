package io.warmgate.cdk.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.cdk.SynthesizedStack;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** {@code -c readiness=console}: the seed system with the gate reading EC2Launch's ready line, outside the VPC. */
class SeedConsoleVariantTest {

  @Test
  void theConsoleVariantGatesOnTheConsoleAndRunsTheFunctionOutsideTheVpc() {
    SynthesizedStack stack = SynthesizedStack.synth(
        () -> SeedApp.build(Map.of(SeedStack.READINESS_CONTEXT, "console")), SeedApp.STACK_ID);

    stack.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Handler", Match.stringLikeRegexp(".*warmgate.*"), "VpcConfig", Match.absent()));
    stack.template().hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of("LifecycleHookSpecificationList",
        Match.arrayWith(java.util.List.of(Match.objectLike(Map.of(
            "NotificationMetadata", Match.stringLikeRegexp(".*\"probes\":\"ec2console\".*\"settle\":\"PT1M\".*")))))));
    assertThat(stack.allowedActions()).contains("ec2:GetConsoleOutput").doesNotContain("ec2:CreateNetworkInterface");
    assertThat(stack.errors()).isEmpty();
  }
}
