package io.warmgate.testing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real SDK v2 clients for a loopback endpoint: static credentials (secret "test"), us-east-1, no
 * retries, never a default credential chain. An endpoint off this machine is refused, so a test can
 * never reach real AWS through these.
 */
public final class LoopbackClients {

  /** The access key every test signs with unless it binds an IAM policy to another. */
  public static final String ACCESS_KEY_ID = "test";

  private LoopbackClients() {
  }

  public static AutoScalingClient autoScaling(URI endpoint) {
    return autoScaling(endpoint, ACCESS_KEY_ID);
  }

  /** A client signing with {@code accessKeyId}, so that an emulator IAM policy bound to that key applies. */
  public static AutoScalingClient autoScaling(URI endpoint, String accessKeyId) {
    return bind(AutoScalingClient.builder(), endpoint, accessKeyId);
  }

  public static Ec2Client ec2(URI endpoint) {
    return ec2(endpoint, ACCESS_KEY_ID);
  }

  /** Like {@link #autoScaling(URI, String)}, for EC2. */
  public static Ec2Client ec2(URI endpoint, String accessKeyId) {
    return bind(Ec2Client.builder(), endpoint, accessKeyId);
  }

  public static EventBridgeClient eventBridge(URI endpoint) {
    return eventBridge(endpoint, ACCESS_KEY_ID);
  }

  /** Like {@link #autoScaling(URI, String)}, for EventBridge. */
  public static EventBridgeClient eventBridge(URI endpoint, String accessKeyId) {
    return bind(EventBridgeClient.builder(), endpoint, accessKeyId);
  }

  public static SqsClient sqs(URI endpoint) {
    return sqs(endpoint, ACCESS_KEY_ID);
  }

  /** Like {@link #autoScaling(URI, String)}, for SQS. */
  public static SqsClient sqs(URI endpoint, String accessKeyId) {
    return bind(SqsClient.builder(), endpoint, accessKeyId);
  }

  /** The static test credentials for {@code accessKeyId}. */
  public static StaticCredentialsProvider credentials(String accessKeyId) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test"));
  }

  /** {@code endpoint}, once it is known to be on this machine. */
  public static URI requireLoopback(URI endpoint) {
    try {
      if (endpoint.getHost() == null || !InetAddress.getByName(endpoint.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("tests talk to loopback endpoints only, not " + endpoint);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("tests talk to loopback endpoints only, not " + endpoint, e);
    }
    return endpoint;
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C bind(
      B builder, URI endpoint, String accessKeyId) {
    return builder
        .endpointOverride(requireLoopback(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(accessKeyId))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
