package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warmgate.testing.EmulatedAws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Checks DescribeInstanceAttribute against the EC2 API reference
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceAttribute.html) for the attributes
 * the emulator models: {@code instanceType}, {@code userData} and {@code disableApiTermination}, each from the
 * launch template version the instance was launched from.
 */
class ApiDescribeInstanceAttributeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String USER_DATA = Base64.getEncoder()
      .encodeToString("#!/bin/bash\necho ready\n".getBytes(StandardCharsets.UTF_8));
  private static EmulatedAws s;
  private static String instanceId;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(29L));
    s.ec2().createLaunchTemplate(r -> r.launchTemplateName("attributes")
        .launchTemplateData(d -> d.imageId(EmulatedAws.IMAGE_ID).instanceType("t3.small").userData(USER_DATA)
            .disableApiTermination(true))
        .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE)
            .tags(tag -> tag.key(BootProfile.TAG).value("instant"))));
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("attributes").minSize(1).maxSize(1)
        .launchTemplate(t -> t.launchTemplateName("attributes")));
    await().atMost(WAIT).until(() -> s.inService("attributes").size() == 1);
    instanceId = s.inService("attributes").get(0).instanceId();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static DescribeInstanceAttributeResponse attribute(InstanceAttributeName name) {
    return s.ec2().describeInstanceAttribute(r -> r.instanceId(instanceId).attribute(name));
  }

  @Test
  void instanceTypeIsTheLaunchTemplates() {
    DescribeInstanceAttributeResponse r = attribute(InstanceAttributeName.INSTANCE_TYPE);

    assertThat(r.instanceId()).isEqualTo(instanceId);
    assertThat(r.instanceType().value()).isEqualTo("t3.small");
    assertThat(r.userData()).isNull();
  }

  @Test
  void userDataIsTheLaunchTemplatesBase64() {
    assertThat(attribute(InstanceAttributeName.USER_DATA).userData().value()).isEqualTo(USER_DATA);
  }

  @Test
  void disableApiTerminationIsTheLaunchTemplates() {
    assertThat(attribute(InstanceAttributeName.DISABLE_API_TERMINATION).disableApiTermination().value()).isTrue();
  }

  @Test
  void anUnknownInstanceIsInvalidInstanceIdNotFound() {
    AwsServiceException e = null;
    try {
      s.ec2().describeInstanceAttribute(r -> r.instanceId("i-0123456789abcdef0")
          .attribute(InstanceAttributeName.USER_DATA));
    } catch (AwsServiceException thrown) {
      e = thrown;
    }

    assertThat(e).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
  }

  @Test
  void theAwsCliReadsTheAttribute() throws Exception {
    assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");

    AwsCli.Result r = new AwsCli(s.endpoint()).run("ec2", "describe-instance-attribute", "--instance-id", instanceId,
        "--attribute", "userData");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("\"Value\": \"" + USER_DATA + "\"");
  }
}
