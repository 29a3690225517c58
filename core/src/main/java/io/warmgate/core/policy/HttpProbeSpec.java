package io.warmgate.core.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP(S) GET against the instance's private IP; passes on an accepted status (and body substring,
 * if set).
 *
 * <p>Redirects are never followed: a redirect passes only if its status code is listed as accepted. At
 * most 64 KiB of the body is read.
 *
 * @param scheme {@code http} or {@code https}
 * @param port the port, 1..65535
 * @param path the request path, starting with {@code /} (may carry a query string)
 * @param codes the accepted status codes
 * @param bodyContains a substring the first 64 KiB of the body must contain, if set
 * @param connectTimeout how long to wait for the TCP (and TLS) connection
 * @param readTimeout how long to wait for the response after connecting
 * @param trustSelfSigned accept any server certificate (and skip host name checks); only for https
 */
public record HttpProbeSpec(
    String scheme,
    int port,
    String path,
    StatusCodes codes,
    Optional<String> bodyContains,
    Duration connectTimeout,
    Duration readTimeout,
    boolean trustSelfSigned)
    implements ProbeSpec {

  /** Default connect timeout: 2 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Default read timeout: 3 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);

  public HttpProbeSpec {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(bodyContains, "bodyContains");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("scheme must be http or https, got '" + scheme + "'");
    }
    TcpProbeSpec.requirePort(port, "port");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      // The path goes into a request line: no spaces, controls or non-ASCII (percent-encode those).
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException("path must be printable ASCII without spaces, got '" + path + "'");
      }
    }
    if (bodyContains.isPresent() && bodyContains.get().isEmpty()) {
      throw new IllegalArgumentException("bodyContains must not be empty when set");
    }
    ReadinessPolicy.requirePositive(connectTimeout, "connectTimeout");
    ReadinessPolicy.requirePositive(readTimeout, "readTimeout");
  }

  /** A plain-HTTP GET of {@code path} on {@code port}, accepting 2xx, with default timeouts. */
  public static HttpProbeSpec http(int port, String path) {
    return new HttpProbeSpec(
        "http", port, path, StatusCodes.SUCCESS, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, false);
  }

  /** This spec with another scheme. */
  public HttpProbeSpec withScheme(String scheme) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec with another port. */
  public HttpProbeSpec withPort(int port) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec with another path. */
  public HttpProbeSpec withPath(String path) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec with other accepted codes. */
  public HttpProbeSpec withCodes(StatusCodes codes) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec with a required body substring, or none. */
  public HttpProbeSpec withBodyContains(Optional<String> bodyContains) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec with another connect timeout. */
  public HttpProbeSpec withConnectTimeout(Duration connectTimeout) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec with another read timeout. */
  public HttpProbeSpec withReadTimeout(Duration readTimeout) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  /** This spec trusting self-signed certificates, or not. */
  public HttpProbeSpec withTrustSelfSigned(boolean trustSelfSigned) {
    return new HttpProbeSpec(scheme, port, path, codes, bodyContains, connectTimeout, readTimeout, trustSelfSigned);
  }

  @Override
  public String name() {
    return scheme + ":" + port + path;
  }
}
