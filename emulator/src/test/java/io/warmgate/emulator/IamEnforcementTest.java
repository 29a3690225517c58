package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * An access key bound to an IAM policy is held to it, with the denials AWS gives, and the SDK v2
 * reports them as it does against AWS; other keys are unrestricted, so the scenario is set up as an
 * admin and run as the gate.
 */
class IamEnforcementTest {

  static final String GATE_POLICY = """
      {"Version":"2012-10-17","Statement":[
        {"Sid":"OwnGroup","Effect":"Allow",
         "Action":["autoscaling:CompleteLifecycleAction","autoscaling:RecordLifecycleActionHeartbeat"],
         "Resource":"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web"},
        {"Sid":"Describe","Effect":"Allow",
         "Action":["autoscaling:DescribeAutoScalingGroups","autoscaling:DescribeAutoScalingInstances",
                   "autoscaling:DescribeLifecycleHooks","autoscaling:DescribeWarmPool","ec2:DescribeInstances"],
         "Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}
      ]}""";

  private static EmulatedAws s;
  private static AutoScalingClient gateAsg;
  private static Ec2Client gateEc2;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("gate-policy.json"), GATE_POLICY);
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(100).iamPolicy("AKIAGATE" + "=" + policy));
    gateAsg = LoopbackClients.autoScaling(s.emulator.endpoint(), "AKIAGATE");
    gateEc2 = LoopbackClients.ec2(s.emulator.endpoint(), "AKIAGATE");
    s.launchTemplate("web-lt", "instant", 8080);
    for (String group : new String[] {"web", "other"}) {
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(2).desiredCapacity(0)
          .launchTemplate(t -> t.launchTemplateName("web-lt")));
    }
  }

  @AfterAll
  static void stop() {
    gateAsg.close();
    gateEc2.close();
    s.close();
  }

  @Test
  void aDescribeTheRoleLacksIsAccessDeniedWithHttp403AndAwssMessage() {
    assertThatThrownBy(() -> gateAsg.describeTags())
        .isInstanceOfSatisfying(AutoScalingException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
              "User: arn:aws:sts::123456789012:assumed-role/AKIAGATE/warmgate-emulator is not authorized to perform: "
                  + "autoscaling:DescribeTags because no identity-based policy allows the autoscaling:DescribeTags action");
          assertThat(e.isThrottlingException()).isFalse();
          assertThat(e.retryable()).isFalse();
        });
  }

  @Test
  void anEc2CallTheRoleLacksIsUnauthorizedOperation() {
    assertThatThrownBy(() -> gateEc2.describeInstanceStatus())
        .isInstanceOfSatisfying(Ec2Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
          assertThat(e.awsErrorDetails().errorMessage()).startsWith("You are not authorized to perform this operation. ")
              .endsWith("because no identity-based policy allows the ec2:DescribeInstanceStatus action");
        });
    assertThat(gateEc2.describeInstances().reservations()).isEmpty();
  }

  @Test
  void aGroupScopedActionIsAllowedOnTheNamedGroupAndDeniedOnTheGroupsArnOfAnother() {
    String otherArn = s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("other")).autoScalingGroups().get(0)
        .autoScalingGroupARN();

    // Allowed: it reaches the engine, which finds no action to complete.
    assertThatThrownBy(() -> complete("web"))
        .isInstanceOfSatisfying(AutoScalingException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> complete("other"))
        .isInstanceOfSatisfying(AutoScalingException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          assertThat(e.awsErrorDetails().errorMessage()).contains(
              "autoscaling:CompleteLifecycleAction on resource: " + otherArn);
        });
    assertThat(otherArn).matches("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
        + "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:autoScalingGroupName/other");
  }

  @Test
  void everyGroupKeepsOneUuidInItsArn() {
    String first = s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
        .autoScalingGroupARN();
    s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("web").maxSize(3));

    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
        .autoScalingGroupARN()).isEqualTo(first);
  }

  @Test
  void writesTheRoleWasNotGrantedAreDeniedAndChangeNothing() {
    assertThatThrownBy(() -> gateAsg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1)))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));

    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0)
        .desiredCapacity()).isZero();
  }

  @Test
  void theEmulatorKeepsEveryDenialForTestsToAssertOn() {
    assertThatThrownBy(() -> gateAsg.describeTags()).isInstanceOf(AutoScalingException.class);

    assertThat(s.emulator.iamDenials()).last().asString()
        .startsWith("AccessDenied: User: arn:aws:sts::123456789012:assumed-role/AKIAGATE/warmgate-emulator")
        .contains("autoscaling:DescribeTags");
  }

  @Test
  void otherAccessKeysAreUnrestricted() {
    assertThat(s.autoScaling().describeTags().tags()).isEmpty();
    assertThat(s.ec2().describeInstanceStatus().instanceStatuses()).isEmpty();
  }

  @Test
  void aMalformedPolicyFileIsAOneLineStartupErrorNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"),
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Effect\":\"allow\"}]}");

    assertThatThrownBy(() -> WarmPoolEmulator.builder().iamPolicy("AKIAGATE=" + bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(bad + ": Statement[1].Effect must be Allow or Deny, got \"allow\"");
    assertThatThrownBy(() -> WarmPoolEmulator.builder().iamPolicy("AKIAGATE=" + dir.resolve("missing.json")))
        .hasMessageStartingWith("cannot read IAM policy " + dir.resolve("missing.json"));
    assertThatThrownBy(() -> WarmPoolEmulator.builder().iamPolicy("AKIAGATE"))
        .hasMessageContaining("ACCESS_KEY_ID=FILE");
  }

  private static void complete(String group) {
    gateAsg.completeLifecycleAction(r -> r.autoScalingGroupName(group).lifecycleHookName("ready")
        .lifecycleActionResult("CONTINUE").instanceId("i-0123456789abcdef0"));
  }
}
