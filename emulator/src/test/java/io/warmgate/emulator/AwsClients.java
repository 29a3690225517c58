package io.warmgate.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Builds real SDK v2 clients bound to an emulator: static credentials, fixed region, no retries. */
final class AwsClients {

  private AwsClients() {
  }

  private static StaticCredentialsProvider credentials(String accessKeyId) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test"));
  }

  static AutoScalingClient autoScaling(WarmPoolEmulator emulator) {
    return autoScaling(emulator, "test");
  }

  /** A client signing with {@code accessKeyId} (secret "test"), so an IAM policy bound to it applies. */
  static AutoScalingClient autoScaling(WarmPoolEmulator emulator, String accessKeyId) {
    return bind(AutoScalingClient.builder(), emulator, accessKeyId);
  }

  static Ec2Client ec2(WarmPoolEmulator emulator) {
    return ec2(emulator, "test");
  }

  /** Like {@link #autoScaling(WarmPoolEmulator, String)}, for EC2. */
  static Ec2Client ec2(WarmPoolEmulator emulator, String accessKeyId) {
    return bind(Ec2Client.builder(), emulator, accessKeyId);
  }

  static EventBridgeClient eventBridge(WarmPoolEmulator emulator) {
    return eventBridge(emulator, "test");
  }

  /** Like {@link #autoScaling(WarmPoolEmulator, String)}, for EventBridge. */
  static EventBridgeClient eventBridge(WarmPoolEmulator emulator, String accessKeyId) {
    return bind(EventBridgeClient.builder(), emulator, accessKeyId);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C bind(B builder,
      WarmPoolEmulator emulator, String accessKeyId) {
    return builder
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(accessKeyId))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
