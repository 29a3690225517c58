package io.warmgate.emulator.internal.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  private static final String WEB = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
      + "0b1e8c2a-1111-4222-8333-444455556666:autoScalingGroupName/web";
  private static final String OTHER = WEB.replace("/web", "/other");
  private static final Map<String, String> IN_US_EAST_1 = Map.of("aws:RequestedRegion", "us-east-1");

  private final Authorizer gate = new Authorizer(Map.of("GATE", IamPolicy.parse("""
      {"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["autoscaling:CompleteLifecycleAction","autoscaling:RecordLifecycleActionHeartbeat"],
         "Resource":"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web"},
        {"Effect":"Allow","Action":["autoscaling:Describe*","EC2:describeinstances"],"Resource":"*",
         "Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}},
        {"Effect":"Deny","Action":"autoscaling:DescribeTags","Resource":"*"}
      ]}""", "gate.json")), "123456789012");

  @Test
  void anActionAllowedOnTheGroupsArnPassesOnlyForThatGroup() {
    assertThat(authorize("autoscaling:CompleteLifecycleAction", WEB)).isEmpty();
    assertThat(authorize("autoscaling:CompleteLifecycleAction", OTHER)).hasValueSatisfying(d -> {
      assertThat(d.explicit()).isFalse();
      assertThat(d.resource()).isEqualTo(OTHER);
    });
  }

  @Test
  void actionNamesMatchCaseInsensitivelyAndWithWildcards() {
    assertThat(authorize("autoscaling:DescribeWarmPool", "*")).isEmpty();
    assertThat(authorize("ec2:DescribeInstances", "*")).isEmpty();
    assertThat(authorize("ec2:DescribeInstanceStatus", "*")).isPresent();
  }

  @Test
  void anExplicitDenyWinsOverAnAllow() {
    assertThat(authorize("autoscaling:DescribeTags", "*")).hasValueSatisfying(d -> {
      assertThat(d.explicit()).isTrue();
      assertThat(d.message()).endsWith("with an explicit deny in an identity-based policy");
    });
  }

  @Test
  void aConditionThatDoesNotHoldLeavesTheActionImplicitlyDenied() {
    assertThat(gate.authorize("GATE", "autoscaling:DescribeWarmPool", List.of("*"), Map.of("aws:RequestedRegion", "eu-west-1")))
        .hasValueSatisfying(d -> assertThat(d.explicit()).isFalse());
    assertThat(gate.authorize("GATE", "autoscaling:DescribeWarmPool", List.of("*"), Map.of())).isPresent();
  }

  @Test
  void everyResourceOfTheRequestMustBeAllowed() {
    assertThat(gate.authorize("GATE", "autoscaling:CompleteLifecycleAction", List.of(WEB, OTHER), IN_US_EAST_1))
        .map(Denial::resource).contains(OTHER);
  }

  @Test
  void notActionAndNotResourceMatchWhatTheyDoNotList() {
    Authorizer everythingButTerminate = new Authorizer(Map.of("K", IamPolicy.parse("""
        {"Statement":[{"Effect":"Allow","NotAction":"ec2:Terminate*","NotResource":"arn:aws:ec2:*:*:instance/i-0protected"}]}""",
        "not.json")), "123456789012");

    assertThat(everythingButTerminate.authorize("K", "ec2:StopInstances", List.of("arn:aws:ec2:us-east-1:1:instance/i-1"), Map.of()))
        .isEmpty();
    assertThat(everythingButTerminate.authorize("K", "ec2:TerminateInstances", List.of("arn:aws:ec2:us-east-1:1:instance/i-1"),
        Map.of())).isPresent();
    assertThat(everythingButTerminate.authorize("K", "ec2:StopInstances",
        List.of("arn:aws:ec2:us-east-1:1:instance/i-0protected"), Map.of())).isPresent();
  }

  @Test
  void keysWithoutAPolicyAreUnrestricted() {
    assertThat(gate.restricts("admin")).isFalse();
    assertThat(gate.authorize("admin", "autoscaling:DeleteAutoScalingGroup", List.of(WEB), Map.of())).isEmpty();
    assertThat(gate.authorize(null, "autoscaling:DeleteAutoScalingGroup", List.of(WEB), Map.of())).isEmpty();
  }

  @Test
  void denialsReadAsAwsWritesThem() {
    Denial describe = authorize("ec2:DescribeInstanceStatus", "*").orElseThrow();
    Denial complete = authorize("autoscaling:CompleteLifecycleAction", OTHER).orElseThrow();

    assertThat(describe.code()).isEqualTo("UnauthorizedOperation");
    assertThat(describe.message()).isEqualTo("You are not authorized to perform this operation. User: "
        + "arn:aws:sts::123456789012:assumed-role/GATE/warmgate-emulator is not authorized to perform: "
        + "ec2:DescribeInstanceStatus because no identity-based policy allows the ec2:DescribeInstanceStatus action");
    assertThat(complete.code()).isEqualTo("AccessDenied");
    assertThat(complete.message()).isEqualTo("User: arn:aws:sts::123456789012:assumed-role/GATE/warmgate-emulator "
        + "is not authorized to perform: autoscaling:CompleteLifecycleAction on resource: " + OTHER
        + " because no identity-based policy allows the autoscaling:CompleteLifecycleAction action");
  }

  private Optional<Denial> authorize(String action, String resource) {
    return gate.authorize("GATE", action, List.of(resource), IN_US_EAST_1);
  }
}
