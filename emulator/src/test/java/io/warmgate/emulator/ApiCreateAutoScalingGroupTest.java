package io.warmgate.emulator;

import static io.warmgate.testing.EmulatedAws.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;

/**
 * Checks CreateAutoScalingGroup and UpdateAutoScalingGroup against the API reference
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html,
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html): the launch source
 * (a LaunchTemplateSpecification naming its template by id or by name, not both, or a MixedInstancesPolicy,
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_MixedInstancesPolicy.html), the
 * InstanceMaintenancePolicy and the InstanceLifecyclePolicy, and the texts of their validation errors.
 */
class ApiCreateAutoScalingGroupTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static EmulatedAws s;
  private static String templateId;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(23L));
    templateId = s.launchTemplate("groups-lt", "instant");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static AwsServiceException refused(java.util.function.Consumer<CreateAutoScalingGroupRequest.Builder> r) {
    return awsError(() -> s.autoScaling().createAutoScalingGroup(b -> r.accept(b.minSize(0).maxSize(1))));
  }

  private static AutoScalingGroup group(String name) {
    return s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0);
  }

  @Test
  void bothLaunchTemplateIdAndNameIsAValidationError() {
    AwsServiceException e = refused(b -> b.autoScalingGroupName("both")
        .launchTemplate(t -> t.launchTemplateId(templateId).launchTemplateName("groups-lt")));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Valid requests must contain either launchTemplateId or LaunchTemplateName");
  }

  @Test
  void aLaunchTemplateNamingNoTemplateIsTheSameValidationError() {
    AwsServiceException e = refused(b -> b.autoScalingGroupName("neither").launchTemplate(t -> t.version("1")));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Valid requests must contain either launchTemplateId or LaunchTemplateName");
  }

  @Test
  void aGroupWithNoLaunchSourceIsAValidationError() {
    AwsServiceException e = refused(b -> b.autoScalingGroupName("no-source"));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Valid requests must contain either LaunchTemplate, "
        + "LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
  }

  @Test
  void anUnknownGroupInUpdateAutoScalingGroupIsNotFoundNull() {
    AwsServiceException e = null;
    try {
      s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("nobody").maxSize(3));
    } catch (AwsServiceException thrown) {
      e = thrown;
    }

    assertThat(e).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("AutoScalingGroup name not found - null");
  }

  @Test
  void aMixedInstancesPolicyGroupLaunchesTheFirstOverridesTypeAndIsDescribedAsMixed() {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("mixed").minSize(1).maxSize(2)
        .mixedInstancesPolicy(m -> m.launchTemplate(t -> t
            .launchTemplateSpecification(spec -> spec.launchTemplateName("groups-lt").version("$Latest"))
            .overrides(LaunchTemplateOverrides.builder().instanceType("c6i.large").build(),
                LaunchTemplateOverrides.builder().instanceType("m6i.large").build()))
            .instancesDistribution(d -> d.onDemandPercentageAboveBaseCapacity(100))));

    AutoScalingGroup g = group("mixed");
    assertThat(g.launchTemplate()).isNull();
    assertThat(g.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification().launchTemplateId())
        .isEqualTo(templateId);
    assertThat(g.mixedInstancesPolicy().launchTemplate().overrides())
        .extracting(LaunchTemplateOverrides::instanceType).containsExactly("c6i.large", "m6i.large");
    assertThat(g.mixedInstancesPolicy().instancesDistribution().onDemandPercentageAboveBaseCapacity()).isEqualTo(100);
    await().atMost(WAIT).until(() -> s.inService("mixed").size() == 1);
    assertThat(s.inService("mixed").get(0).instanceType()).isEqualTo("c6i.large");
  }

  @Test
  void putWarmPoolOnAMixedInstancesPolicyGroupIsRefused() {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("mixed-pool").minSize(0).maxSize(2)
        .mixedInstancesPolicy(m -> m.launchTemplate(t -> t
            .launchTemplateSpecification(spec -> spec.launchTemplateId(templateId)))));

    AwsServiceException e = null;
    try {
      s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("mixed-pool").minSize(1));
    } catch (AwsServiceException thrown) {
      e = thrown;
    }

    assertThat(e).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("This operation cannot be called on an Auto Scaling "
        + "group that has a mixed instances policy or a launch template or launch configuration that requests Spot "
        + "Instances.");
    assertThat(s.autoScaling().describeWarmPool(r -> r.autoScalingGroupName("mixed-pool"))
        .warmPoolConfiguration()).isNull();
  }

  @Test
  void theInstanceMaintenancePolicyIsKeptCheckedAndClearedWithMinusOne() {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("maintained").minSize(0).maxSize(1)
        .launchTemplate(t -> t.launchTemplateId(templateId))
        .instanceMaintenancePolicy(p -> p.minHealthyPercentage(90).maxHealthyPercentage(120)));
    assertThat(group("maintained").instanceMaintenancePolicy().minHealthyPercentage()).isEqualTo(90);
    assertThat(group("maintained").instanceMaintenancePolicy().maxHealthyPercentage()).isEqualTo(120);

    AwsServiceException wide = null;
    try {
      s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("maintained")
          .instanceMaintenancePolicy(p -> p.minHealthyPercentage(0).maxHealthyPercentage(200)));
    } catch (AwsServiceException thrown) {
      wide = thrown;
    }
    assertThat(wide).isNotNull();
    assertThat(wide.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

    s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("maintained")
        .instanceMaintenancePolicy(p -> p.minHealthyPercentage(-1).maxHealthyPercentage(-1)));
    assertThat(group("maintained").instanceMaintenancePolicy()).isNull();
  }

  @Test
  void theInstanceLifecyclePolicyIsKeptAndLeftOutWhenNeverSet() {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("retaining").minSize(0).maxSize(1)
        .launchTemplate(t -> t.launchTemplateId(templateId))
        .instanceLifecyclePolicy(p -> p.retentionTriggers(t -> t.terminateHookAbandon("retain"))));
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("plain").minSize(0).maxSize(1)
        .launchTemplate(t -> t.launchTemplateId(templateId)));

    assertThat(group("retaining").instanceLifecyclePolicy().retentionTriggers().terminateHookAbandonAsString())
        .isEqualTo("retain");
    AutoScalingGroup plain = group("plain");
    assertThat(plain.instanceLifecyclePolicy()).isNull();
    assertThat(plain.instanceMaintenancePolicy()).isNull();
    assertThat(plain.mixedInstancesPolicy()).isNull();
    assertThat(plain.warmPoolConfiguration()).isNull();
    assertThat(plain.launchTemplate().version()).isNull();
  }

  @Test
  void theAwsCliPrintsTheLaunchTemplateValidationErrorAsForAws() throws Exception {
    assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");

    AwsCli.Result r = new AwsCli(s.endpoint()).run("autoscaling", "create-auto-scaling-group",
        "--auto-scaling-group-name", "cli-both", "--min-size", "0", "--max-size", "1", "--launch-template",
        "LaunchTemplateId=" + templateId + ",LaunchTemplateName=groups-lt");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("An error occurred (ValidationError) when calling the CreateAutoScalingGroup "
        + "operation: Valid requests must contain either launchTemplateId or LaunchTemplateName");
  }
}
