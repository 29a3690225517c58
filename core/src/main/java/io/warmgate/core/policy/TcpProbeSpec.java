package io.warmgate.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A TCP connect to the instance's private IP; passes once the connection is accepted.
 *
 * @param port the port, 1..65535
 * @param connectTimeout how long to wait for the connection
 */
public record TcpProbeSpec(int port, Duration connectTimeout) implements ProbeSpec {

  /** Default connect timeout: 2 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  public TcpProbeSpec {
    requirePort(port, "port");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    ReadinessPolicy.requirePositive(connectTimeout, "connectTimeout");
  }

  /** A connect to {@code port} with the default timeout. */
  public static TcpProbeSpec tcp(int port) {
    return new TcpProbeSpec(port, DEFAULT_CONNECT_TIMEOUT);
  }

  @Override
  public String name() {
    return "tcp:" + port;
  }

  static int requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be within 1..65535, got " + port);
    }
    return port;
  }
}
