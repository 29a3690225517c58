package io.warmgate.aws.testing;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.config.AwsClientsBuilder;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.regions.Region;

/**
 * The gate's own client wiring ({@link AwsClients}) pointed at an emulator: static credentials,
 * us-east-1, a loopback endpoint and a short backoff, never a default chain. The adapters are tested as
 * the gate builds them, retries included.
 */
public final class EmulatorClients {

  private EmulatorClients() {
  }

  /** Clients for the emulator, closed with it. */
  public static AwsClients of(EmulatedAws aws) {
    return of(aws, c -> c);
  }

  /** As {@link #of(EmulatedAws)}, as the test adjusts them. */
  public static AwsClients of(EmulatedAws aws, UnaryOperator<AwsClientsBuilder> tweaks) {
    return aws.own(tweaks.apply(forEndpoint(aws.endpoint())).build());
  }

  /** A builder for a loopback endpoint, to adjust before building. */
  public static AwsClientsBuilder forEndpoint(URI endpoint) {
    return AwsClients.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(LoopbackClients.credentials(LoopbackClients.ACCESS_KEY_ID))
        .endpoint(LoopbackClients.requireLoopback(endpoint))
        .backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100));
  }
}
