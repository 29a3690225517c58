package io.warmgate.aws.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.port.GatePortException;
import io.warmgate.emulator.EmulatorFaults;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {

  @Test
  void theTargetSaysAwsAndTheRegionWithoutAnEndpointOverride() {
    // Builds the default chain lazily: no call, no lookup, just the description.
    try (AwsClients clients = AwsClients.builder().environment(Map.of("AWS_REGION", "us-east-1")).build()) {
      assertThat(clients.target()).isEqualTo("AWS, us-east-1");
    }
  }

  @Test
  void theTargetNamesAnOverriddenEndpoint() {
    try (AwsClients clients = AwsClients.builder().environment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1111")).build()) {
      assertThat(clients.target()).isEqualTo("http://127.0.0.1:1111, us-east-1");
    }
  }

  @Test
  void serviceSpecificEndpointVariablesWinOverTheGeneralOne() {
    try (AwsClients clients = AwsClients.builder().environment(Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:1111",
            "AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:2222"))
        .build()) {
      assertThat(clients.describe())
          .contains("region=eu-west-1")
          .contains("autoScalingEndpoint=http://127.0.0.1:1111")
          .contains("ec2Endpoint=http://127.0.0.1:2222")
          .contains("credentials=static (dummy, endpoint override)")
          .contains("retryMode=standard")
          .contains("maxAttempts=5");
    }
  }

  @Test
  void aLocalEndpointWithoutRegionOrCredentialsNeedsNoDefaultChain() {
    try (AwsClients clients = AwsClients.builder().environment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1111")).build()) {
      assertThat(clients.describe())
          .contains("region=us-east-1")
          .contains("credentials=static (dummy, endpoint override)");
    }
  }

  @Test
  void explicitSettingsWinOverTheEnvironment() {
    try (AwsClients clients = EmulatorClients.forEndpoint(URI.create("http://127.0.0.1:3333"))
        .environment(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_AUTO_SCALING", "http://127.0.0.1:4444",
            "AWS_RETRY_MODE", "adaptive", "AWS_MAX_ATTEMPTS", "7"))
        .region(Region.US_WEST_2)
        .autoScalingEndpoint(URI.create("http://127.0.0.1:5555"))
        .build()) {
      assertThat(clients.describe())
          .contains("region=us-west-2")
          .contains("autoScalingEndpoint=http://127.0.0.1:5555")
          .contains("ec2Endpoint=http://127.0.0.1:3333")
          .contains("credentials=explicit")
          .contains("retryMode=adaptive")
          .contains("maxAttempts=7");
    }
  }

  @Test
  void credentialsFromTheEnvironmentMapAreUsedForAnOverriddenEndpointAndNeverPrinted() {
    try (AwsClients clients = AwsClients.builder().environment(Map.of("AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:1111", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "very-secret"))
        .build()) {
      assertThat(clients.describe()).contains("credentials=static (environment map)")
          .doesNotContain("very-secret").doesNotContain("AKIDEXAMPLE");
    }
  }

  @Test
  void malformedEnvironmentValuesAreRejectedByName() {
    assertThatThrownBy(() -> AwsClients.builder().environment(Map.of("AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL", "localhost:4566")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_ENDPOINT_URL");
    assertThatThrownBy(() -> AwsClients.builder().environment(Map.of("AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_RETRY_MODE", "sometimes")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_RETRY_MODE");
    assertThatThrownBy(() -> AwsClients.builder().environment(Map.of("AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_MAX_ATTEMPTS", "0")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_MAX_ATTEMPTS");
  }

  @Test
  void badBuilderSettingsFailFast() {
    assertThatThrownBy(() -> AwsClients.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsClients.builder().endpoint(URI.create("ftp://x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsClients.builder().apiCallTimeouts(java.time.Duration.ofSeconds(5),
        java.time.Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AwsClients.builder().region(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void throttledCallsAreRetriedByTheSdkUntilTheySucceed() {
    try (EmulatedAws aws = EmulatedAws.start(
        b -> b.faults(EmulatorFaults.NONE.withThrottleRate(0.5)))) {
      AwsClients clients = EmulatorClients.of(aws, c -> c.maxAttempts(10));
      TaggedManagedGroups groups = new TaggedManagedGroups(clients.autoScaling(), List.of(), "warmgate:managed");

      for (int i = 0; i < 20; i++) {
        assertThat(groups.list()).isEmpty();
      }

      // Every call succeeded, yet the emulator saw more calls than the 20 made: the throttled ones were retried.
      assertThat(aws.emulator.apiCallCounts().get("DescribeTags")).isGreaterThan(20);
    }
  }

  @Test
  void serverErrorsThatOutlastTheRetriesBecomeRetryablePortFailures() {
    try (EmulatedAws aws = EmulatedAws.start(
        b -> b.faults(EmulatorFaults.NONE.withServerErrorRate(1.0)))) {
      AwsClients clients = EmulatorClients.of(aws, c -> c.maxAttempts(3));
      TaggedManagedGroups groups = new TaggedManagedGroups(clients.autoScaling(), List.of(), "warmgate:managed");

      assertThatThrownBy(groups::list)
          .isInstanceOf(GatePortException.class)
          .hasMessageContaining("DescribeTags")
          .satisfies(e -> assertThat(((GatePortException) e).retryable()).isTrue());
      assertThat(aws.emulator.apiCallCounts().get("DescribeTags")).isEqualTo(3);
    }
  }
}
