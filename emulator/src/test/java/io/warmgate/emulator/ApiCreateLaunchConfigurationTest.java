package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warmgate.testing.EmulatedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Checks CreateLaunchConfiguration
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateLaunchConfiguration.html): launch
 * configurations stay out, as AWS keeps them from accounts created since October 2024
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html), with the answer such an account
 * gets rather than InvalidAction.
 */
class ApiCreateLaunchConfigurationTest {
  private static EmulatedAws s;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(31L));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void createLaunchConfigurationSaysLaunchTemplatesAreTheWay() {
    AwsServiceException e = null;
    try {
      s.autoScaling().createLaunchConfiguration(r -> r.launchConfigurationName("old").imageId(EmulatedAws.IMAGE_ID)
          .instanceType("t3.micro"));
    } catch (AwsServiceException thrown) {
      e = thrown;
    }

    assertThat(e).isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Launch Configuration creation operation is not "
        + "available in your account. Use launch templates to create configuration templates for your Auto Scaling "
        + "groups.");
  }

  @Test
  void theAwsCliPrintsTheSameAnswer() throws Exception {
    assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");

    AwsCli.Result r = new AwsCli(s.endpoint()).run("autoscaling", "create-launch-configuration",
        "--launch-configuration-name", "old", "--image-id", EmulatedAws.IMAGE_ID, "--instance-type", "t3.micro");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("An error occurred (UnsupportedOperation) when calling the "
        + "CreateLaunchConfiguration operation: The Launch Configuration creation operation is not available");
  }
}
