package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.core.port.GatePortException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Regression: with no credentials, every sweep logged the SDK's listing of each provider it had tried. */
class MissingCredentialsTest {

  @Test
  void aCredentialChainThatFindsNothingIsOneShortLine() {
    // A real chain that finds nothing; the SDK fails before it sends anything to the (loopback) endpoint.
    try (AwsClients clients = AwsClients.builder().region(Region.US_EAST_1).endpoint(URI.create("http://127.0.0.1:9"))
        .credentialsProvider(AwsCredentialsProviderChain.of(
            SystemPropertyCredentialsProvider.create(), ProfileCredentialsProvider.create("warmgate-no-such-profile")))
        .build()) {
      TaggedManagedGroups groups = new TaggedManagedGroups(clients.autoScaling(), List.of(), "warmgate:managed");

      assertThatThrownBy(groups::list)
          .isInstanceOf(GatePortException.class)
          .satisfies(e -> assertThat(e.getMessage())
              .contains("no AWS credentials found")
              .doesNotContain("SystemPropertyCredentialsProvider")
              .doesNotContain("\n"));
    }
  }
}
