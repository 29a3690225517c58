package io.warmgate.aws.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Configures and builds {@link AwsClients}. Explicit settings win over the environment map, and the
 * environment map wins over the SDK's default chains, which are used only for what nothing else
 * gave.
 *
 * <p>Environment keys read from the map handed to {@link #environment(Map)} (never from the process
 * directly): {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL}, {@code
 * AWS_ENDPOINT_URL_AUTO_SCALING}, {@code AWS_ENDPOINT_URL_EC2}, {@code AWS_RETRY_MODE} ({@code
 * standard} or {@code adaptive}), {@code AWS_MAX_ATTEMPTS}, and, only when an endpoint override is in
 * effect, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}. With an
 * endpoint override and no region or credentials, {@code us-east-1} and dummy static credentials are
 * used, so a local endpoint never sends the SDK to the instance metadata service.
 *
 * <p>Defaults: standard retry mode, 5 attempts, jittered exponential backoff from 100 ms (1 s for
 * throttling) capped at 10 s, 3 s connect timeout, 10 s socket timeout, 10 s per attempt, 45 s per
 * call. Not thread-safe; {@link #build()} takes a snapshot.
 */
public final class AwsClientsBuilder {

  /** How the SDK retries throttling, 5xx and network errors. */
  public enum RetryMode {
    /** Jittered exponential backoff with a retry-token bucket. */
    STANDARD,
    /** Standard, plus client-side rate limiting once throttled. */
    ADAPTIVE
  }

  Region region;
  AwsCredentialsProvider credentials;
  URI endpoint;
  URI autoScalingEndpoint;
  URI ec2Endpoint;
  Map<String, String> env = Map.of();
  RetryMode retryMode;
  Integer maxAttempts;
  Duration backoffBase = Duration.ofMillis(100);
  Duration throttlingBackoffBase = Duration.ofSeconds(1);
  Duration backoffMax = Duration.ofSeconds(10);
  Duration connectTimeout = Duration.ofSeconds(3);
  Duration socketTimeout = Duration.ofSeconds(10);
  Duration apiCallAttemptTimeout = Duration.ofSeconds(10);
  Duration apiCallTimeout = Duration.ofSeconds(45);
  final List<ExecutionInterceptor> interceptors = new ArrayList<>();

  AwsClientsBuilder() {}

  /**
   * Adds an SDK execution interceptor to every client built (metrics, tracing, or a test that makes a
   * call fail as a broken deployment would); none by default.
   */
  public AwsClientsBuilder interceptor(ExecutionInterceptor interceptor) {
    interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /** Sets the region explicitly (wins over {@code AWS_REGION}). */
  public AwsClientsBuilder region(Region region) {
    this.region = Objects.requireNonNull(region, "region");
    return this;
  }

  /** Sets the credentials provider explicitly (wins over everything). */
  public AwsClientsBuilder credentialsProvider(AwsCredentialsProvider credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return this;
  }

  /** Sets one endpoint for both services, e.g. {@code http://127.0.0.1:4566}. */
  public AwsClientsBuilder endpoint(URI endpoint) {
    this.endpoint = requireHttp(endpoint, "endpoint");
    return this;
  }

  /** Sets the Auto Scaling endpoint (wins over {@link #endpoint(URI)}). */
  public AwsClientsBuilder autoScalingEndpoint(URI endpoint) {
    this.autoScalingEndpoint = requireHttp(endpoint, "autoScalingEndpoint");
    return this;
  }

  /** Sets the EC2 endpoint (wins over {@link #endpoint(URI)}). */
  public AwsClientsBuilder ec2Endpoint(URI endpoint) {
    this.ec2Endpoint = requireHttp(endpoint, "ec2Endpoint");
    return this;
  }

  /**
   * Sets the environment to read {@code AWS_*} settings from; pass {@code System.getenv()} in
   * production and a literal map in tests. Copied.
   */
  public AwsClientsBuilder environment(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    return this;
  }

  /** Sets the retry mode (wins over {@code AWS_RETRY_MODE}). */
  public AwsClientsBuilder retryMode(RetryMode mode) {
    this.retryMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Sets the maximum attempts per call, first one included (wins over {@code AWS_MAX_ATTEMPTS}). */
  public AwsClientsBuilder maxAttempts(int attempts) {
    if (attempts < 1 || attempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be in 1..20, got " + attempts);
    }
    this.maxAttempts = attempts;
    return this;
  }

  /**
   * Sets the jittered exponential backoff: base delay for errors, base delay for throttling, and the
   * cap of both.
   */
  public AwsClientsBuilder backoff(Duration base, Duration throttlingBase, Duration max) {
    this.backoffBase = requirePositive(base, "base");
    this.throttlingBackoffBase = requirePositive(throttlingBase, "throttlingBase");
    this.backoffMax = requirePositive(max, "max");
    if (max.compareTo(base) < 0 || max.compareTo(throttlingBase) < 0) {
      throw new IllegalStateException("backoff max " + max + " is below a base delay");
    }
    return this;
  }

  /** Sets the HTTP connect and socket (read) timeouts. */
  public AwsClientsBuilder httpTimeouts(Duration connect, Duration socket) {
    this.connectTimeout = requirePositive(connect, "connect");
    this.socketTimeout = requirePositive(socket, "socket");
    return this;
  }

  /** Sets the timeout of one attempt and of the whole call, retries included. */
  public AwsClientsBuilder apiCallTimeouts(Duration attempt, Duration call) {
    this.apiCallAttemptTimeout = requirePositive(attempt, "attempt");
    this.apiCallTimeout = requirePositive(call, "call");
    if (call.compareTo(attempt) < 0) {
      throw new IllegalStateException("apiCallTimeout " + call + " is shorter than one attempt " + attempt);
    }
    return this;
  }

  /**
   * Builds the clients. No network call happens here: credentials and region chains, when used,
   * resolve on the first request.
   *
   * @throws IllegalArgumentException if an environment value is malformed (the message names it)
   */
  public AwsClients build() {
    return new AwsClients(this);
  }

  /** A copy of the settings that later calls on this builder do not change. */
  AwsClientsBuilder snapshot() {
    AwsClientsBuilder copy = new AwsClientsBuilder();
    copy.region = region;
    copy.credentials = credentials;
    copy.endpoint = endpoint;
    copy.autoScalingEndpoint = autoScalingEndpoint;
    copy.ec2Endpoint = ec2Endpoint;
    copy.env = env;
    copy.interceptors.addAll(interceptors);
    return copy;
  }

  String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  RetryMode effectiveRetryMode() {
    if (retryMode != null) {
      return retryMode;
    }
    String value = env("AWS_RETRY_MODE");
    if (value == null) {
      return RetryMode.STANDARD;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "standard", "legacy" -> RetryMode.STANDARD;
      case "adaptive" -> RetryMode.ADAPTIVE;
      default -> throw new IllegalArgumentException(
          "AWS_RETRY_MODE must be standard or adaptive, got '" + value + "'");
    };
  }

  int effectiveMaxAttempts() {
    if (maxAttempts != null) {
      return maxAttempts;
    }
    String value = env("AWS_MAX_ATTEMPTS");
    if (value == null) {
      return 5;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 20) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("AWS_MAX_ATTEMPTS must be an integer in 1..20, got '" + value + "'");
  }

  URI endpointFor(URI explicitService, String serviceEnv) {
    if (explicitService != null) {
      return explicitService;
    }
    String specific = env(serviceEnv);
    if (specific != null) {
      return parseEndpoint(specific, serviceEnv);
    }
    if (endpoint != null) {
      return endpoint;
    }
    String general = env("AWS_ENDPOINT_URL");
    return general == null ? null : parseEndpoint(general, "AWS_ENDPOINT_URL");
  }

  private static URI parseEndpoint(String value, String name) {
    try {
      return requireHttp(URI.create(value), name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be an http(s) URL, got '" + value + "'", e);
    }
  }

  private static URI requireHttp(URI uri, String name) {
    Objects.requireNonNull(uri, name);
    String scheme = uri.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got " + uri);
    }
    return uri;
  }

  private static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }
}
