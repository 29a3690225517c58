package io.warmgate.aws.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Holds one Auto Scaling client and one EC2 client built with an explicit region, credentials
 * provider, endpoint overrides, the SDK's jittered retry strategy and bounded call timeouts.
 *
 * <p>Both clients share one {@code url-connection-client} (no Netty, no Apache client). The SDK's
 * default credential and region chains are used only when neither the builder nor the environment map
 * supplies a value, and never when an endpoint override is in effect without credentials: a local
 * endpoint then gets dummy static credentials, so nothing ever asks the instance metadata service.
 * Thread-safe; {@link #close()} closes both clients and the HTTP client.
 *
 * <pre>{@code
 * AwsClients clients = AwsClients.builder()
 *     .environment(System.getenv())          // AWS_REGION, AWS_ENDPOINT_URL, ...
 *     .build();
 * }</pre>
 */
public final class AwsClients implements SdkAutoCloseable {

  private final SdkHttpClient http;
  private final AutoScalingClient autoScaling;
  private final Ec2Client ec2;
  private final String description;
  private final AwsClientsBuilder settings;
  private final Region region;
  private final Credentials creds;
  private final ClientOverrideConfiguration override;
  private final String target;

  AwsClients(AwsClientsBuilder b) {
    URI asgEndpoint = b.endpointFor(b.autoScalingEndpoint, "AWS_ENDPOINT_URL_AUTO_SCALING");
    URI ec2Endpoint = b.endpointFor(b.ec2Endpoint, "AWS_ENDPOINT_URL_EC2");
    boolean overridden = asgEndpoint != null || ec2Endpoint != null;
    Region region = region(b);
    if (region == null && overridden) {
      // A local endpoint does not care about the region; never ask the metadata service for one.
      region = Region.US_EAST_1;
    }
    Credentials creds = credentials(b, overridden);
    this.settings = b.snapshot();
    this.region = region;
    this.creds = creds;
    AwsClientsBuilder.RetryMode mode = b.effectiveRetryMode();
    int attempts = b.effectiveMaxAttempts();
    RetryStrategy retry = retryStrategy(b, mode, attempts);
    this.override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(retry)
            .apiCallAttemptTimeout(b.apiCallAttemptTimeout)
            .apiCallTimeout(b.apiCallTimeout)
            .executionInterceptors(List.copyOf(b.interceptors))
            .build();
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(b.connectTimeout)
            .socketTimeout(b.socketTimeout)
            .build();
    try {
      this.autoScaling =
          configure(AutoScalingClient.builder(), region, creds.provider, asgEndpoint, override).build();
      this.ec2 = configure(Ec2Client.builder(), region, creds.provider, ec2Endpoint, override).build();
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    String where = asgEndpoint != null && ec2Endpoint != null && !asgEndpoint.equals(ec2Endpoint)
        ? "Auto Scaling " + asgEndpoint + ", EC2 " + ec2Endpoint
        : overridden ? String.valueOf(asgEndpoint != null ? asgEndpoint : ec2Endpoint) : "AWS";
    this.target = where + ", " + (region == null ? "region from the SDK's default chain" : region.id());
    this.description =
        "region="
            + (region == null ? "(default chain)" : region.id())
            + " credentials="
            + creds.label
            + " autoScalingEndpoint="
            + (asgEndpoint == null ? "(default)" : asgEndpoint)
            + " ec2Endpoint="
            + (ec2Endpoint == null ? "(default)" : ec2Endpoint)
            + " retryMode="
            + mode.name().toLowerCase(java.util.Locale.ROOT)
            + " maxAttempts="
            + attempts
            + " apiCallTimeout="
            + b.apiCallTimeout
            + " apiCallAttemptTimeout="
            + b.apiCallAttemptTimeout;
  }

  /** Returns a builder; see {@link AwsClientsBuilder} for defaults and the environment keys read. */
  public static AwsClientsBuilder builder() {
    return new AwsClientsBuilder();
  }

  /** The Auto Scaling client. */
  public AutoScalingClient autoScaling() {
    return autoScaling;
  }

  /** The EC2 client. */
  public Ec2Client ec2() {
    return ec2;
  }

  /**
   * Builds a client of another AWS service with these settings: the same region, credentials, retry strategy,
   * timeouts and HTTP client, and an endpoint from {@code endpointEnv} (e.g. {@code AWS_ENDPOINT_URL_EVENTBRIDGE})
   * or the common endpoint. The caller closes it before closing these clients (they share the HTTP client).
   *
   * <pre>{@code
   * EventBridgeClient events = clients.build(EventBridgeClient.builder(), "AWS_ENDPOINT_URL_EVENTBRIDGE");
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code endpointEnv} is set to a malformed URL
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String endpointEnv) {
    return configure(builder, region, creds.provider, settings.endpointFor(null, endpointEnv), override).build();
  }

  /**
   * Like {@link #build(AwsClientBuilder, String)}, with an HTTP client of its own whose reads wait up to {@code
   * readTimeout}: for long polls (SQS's ReceiveMessage waits up to 20 s), which the shared client's read timeout
   * would cut. The client closes its own HTTP client.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildLongPolling(B builder,
      String endpointEnv, java.time.Duration readTimeout) {
    configure(builder, region, creds.provider, settings.endpointFor(null, endpointEnv), override);
    builder.httpClient(null);
    builder.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout)
        .socketTimeout(readTimeout));
    return builder.build();
  }

  /**
   * Where the calls go, for the first line a runner prints: {@code AWS, us-east-1} without an endpoint
   * override, else the endpoint, e.g. {@code http://127.0.0.1:4566, us-east-1}.
   */
  public String target() {
    return target;
  }

  /** One line describing the effective settings (never the credentials themselves), for startup logs. */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "AwsClients[" + description + "]";
  }

  /** Closes both clients and the shared HTTP client. */
  @Override
  public void close() {
    autoScaling.close();
    ec2.close();
    http.close();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, Region region, AwsCredentialsProvider creds, URI endpoint, ClientOverrideConfiguration override) {
    builder.httpClient(http).overrideConfiguration(override);
    if (region != null) {
      builder.region(region);
    }
    if (creds != null) {
      builder.credentialsProvider(creds);
    }
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  private static Region region(AwsClientsBuilder b) {
    if (b.region != null) {
      return b.region;
    }
    String name = Optional.ofNullable(b.env("AWS_REGION")).orElse(b.env("AWS_DEFAULT_REGION"));
    // null: the SDK's default region chain decides, at build time, without the metadata service
    // unless nothing else is configured (production on AWS only).
    return name == null ? null : Region.of(name);
  }

  private record Credentials(AwsCredentialsProvider provider, String label) {}

  private static Credentials credentials(AwsClientsBuilder b, boolean endpointOverridden) {
    if (b.credentials != null) {
      return new Credentials(b.credentials, "explicit");
    }
    if (endpointOverridden) {
      String key = b.env("AWS_ACCESS_KEY_ID");
      String secret = b.env("AWS_SECRET_ACCESS_KEY");
      if (key != null && secret != null) {
        String session = b.env("AWS_SESSION_TOKEN");
        return new Credentials(
            StaticCredentialsProvider.create(
                session == null
                    ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, session)),
            "static (environment map)");
      }
      // A local endpoint accepts any signature; never fall through to the metadata service for it.
      return new Credentials(
          StaticCredentialsProvider.create(AwsBasicCredentials.create("warmgate-local", "warmgate-local")),
          "static (dummy, endpoint override)");
    }
    // Lazily resolved on first call (environment, profile, container, then instance metadata);
    // SnapStart-safe because nothing is resolved at init.
    return new Credentials(DefaultCredentialsProvider.builder().build(), "default chain");
  }

  private static RetryStrategy retryStrategy(
      AwsClientsBuilder b, AwsClientsBuilder.RetryMode mode, int attempts) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(b.backoffBase, b.backoffMax);
    BackoffStrategy throttling = BackoffStrategy.exponentialDelay(b.throttlingBackoffBase, b.backoffMax);
    return switch (mode) {
      case STANDARD -> AwsRetryStrategy.standardRetryStrategy().toBuilder()
          .maxAttempts(attempts)
          .backoffStrategy(backoff)
          .throttlingBackoffStrategy(throttling)
          .build();
      case ADAPTIVE -> AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
          .maxAttempts(attempts)
          .backoffStrategy(backoff)
          .throttlingBackoffStrategy(throttling)
          .build();
    };
  }
}
