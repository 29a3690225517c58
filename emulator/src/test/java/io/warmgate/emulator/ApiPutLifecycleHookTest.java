package io.warmgate.emulator;

import static io.warmgate.testing.EmulatedAws.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warmgate.testing.EmulatedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;

/**
 * Checks PutLifecycleHook, and the LifecycleHookSpecification of CreateAutoScalingGroup, against the API reference:
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutLifecycleHook.html and
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LifecycleHookSpecification.html.
 * {@code NotificationMetadata} is an XmlStringMaxLen1023 in both: 1 to 1,023 characters of the XML character set.
 */
class ApiPutLifecycleHookTest {
  private static EmulatedAws s;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(17L));
    s.launchTemplate("hooks-lt", "instant", 18140);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("hooks").minSize(0).maxSize(1)
        .launchTemplate(t -> t.launchTemplateName("hooks-lt")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void putHook(String name, String metadata) {
    s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("hooks").lifecycleHookName(name)
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").notificationMetadata(metadata));
  }

  @Test
  void notificationMetadataOf1023CharactersIsKeptWhole() {
    String metadata = "{\"k\":\"" + "é".repeat(1023 - 8) + "\"}";

    putHook("longest", metadata);

    assertThat(s.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName("hooks").lifecycleHookNames("longest"))
        .lifecycleHooks().get(0).notificationMetadata()).isEqualTo(metadata).hasSize(1023);
  }

  @Test
  void notificationMetadataOf1024CharactersIsAValidationError() {
    AwsServiceException e = awsError(() -> putHook("too-long", "x".repeat(1024)));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value '")
        .endsWith("' at 'notificationMetadata' failed to satisfy constraint: "
            + "Member must have length less than or equal to 1023");
    assertThat(s.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName("hooks").lifecycleHookNames("too-long"))
        .lifecycleHooks()).isEmpty();
  }

  @Test
  void emptyNotificationMetadataIsAValidationError() {
    AwsServiceException e = awsError(() -> putHook("empty", ""));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '' at "
        + "'notificationMetadata' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }

  @Test
  void aLifecycleHookSpecificationWith1024CharactersOfMetadataRefusesTheWholeGroup() {
    AwsServiceException e = awsError(() -> s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("spec")
        .minSize(0).maxSize(1).launchTemplate(t -> t.launchTemplateName("hooks-lt"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("ok")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").notificationMetadata("fine").build(),
            LifecycleHookSpecification.builder().lifecycleHookName("long")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").notificationMetadata("y".repeat(1024))
                .build())));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).endsWith("' at "
        + "'lifecycleHookSpecificationList.2.member.notificationMetadata' failed to satisfy constraint: "
        + "Member must have length less than or equal to 1023");
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("spec")).autoScalingGroups())
        .isEmpty();
  }

  @Test
  void theAwsCliPrintsTheValidationErrorAsForAws() throws Exception {
    assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");

    AwsCli.Result r = new AwsCli(s.endpoint()).run("autoscaling", "put-lifecycle-hook", "--auto-scaling-group-name",
        "hooks", "--lifecycle-hook-name", "cli", "--lifecycle-transition", "autoscaling:EC2_INSTANCE_LAUNCHING",
        "--notification-metadata", "z".repeat(1024));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("An error occurred (ValidationError) when calling the PutLifecycleHook operation: "
        + "1 validation error detected: Value '", "Member must have length less than or equal to 1023");
  }
}
