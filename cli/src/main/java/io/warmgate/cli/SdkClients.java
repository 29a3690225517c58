package io.warmgate.cli;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Where the CLI's AWS SDK clients go and with which credentials.
 *
 * <p>With an endpoint (the emulator, or any compatible service) the clients use it with the given static
 * credentials, or dummy ones: a local endpoint accepts any. Only without an endpoint and without explicit
 * credentials does the SDK's default chain apply, which is what running against real AWS needs.
 *
 * @param endpoint the endpoint for both Auto Scaling and EC2, if not AWS's own
 * @param region the region; required
 * @param accessKeyId explicit access key id, if any
 * @param secretAccessKey explicit secret, if any (required with an access key id)
 */
public record SdkClients(Optional<URI> endpoint, String region, Optional<String> accessKeyId, Optional<String> secretAccessKey) {

  public SdkClients {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    if (region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new IllegalArgumentException("give both an access key id and a secret access key, or neither");
    }
    endpoint.ifPresent(uri -> {
      if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("endpoint must be an http(s) URL, got " + uri);
      }
    });
  }

  /** Clients for a local endpoint with dummy static credentials. */
  public static SdkClients local(URI endpoint, String region) {
    return new SdkClients(Optional.of(endpoint), region, Optional.of("warmgate"), Optional.of("warmgate"));
  }

  /** Whether the SDK's default credential chain is in use (no endpoint and no explicit credentials). */
  public boolean usesDefaultChain() {
    return endpoint.isEmpty() && accessKeyId.isEmpty();
  }

  /** A new Auto Scaling client; the caller closes it. */
  public AutoScalingClient autoScaling() {
    var b = AutoScalingClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(b::endpointOverride);
    return b.build();
  }

  /** A new EC2 client; the caller closes it. */
  public Ec2Client ec2() {
    var b = Ec2Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(b::endpointOverride);
    return b.build();
  }

  private AwsCredentialsProvider credentials() {
    if (accessKeyId.isPresent()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()));
    }
    if (endpoint.isPresent()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("warmgate", "warmgate"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public String toString() {
    // Never print the secret.
    return "SdkClients[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region
        + ", credentials=" + (accessKeyId.isPresent() ? "static" : endpoint.isPresent() ? "dummy" : "default chain") + "]";
  }
}
