package io.warmgate.core.probe;

import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.port.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.channels.AsynchronousChannelGroup;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Makes probes from specs through their kinds ({@link ProbeKinds}), sharing what can be shared: one probe per distinct spec, one channel group
 * for every probe's sockets, one TLS context per trust setting.
 *
 * <p>Socket operations complete on a small pool of daemon threads owned by this object, never on the
 * executor of blocking port calls, so slow AWS calls cannot delay probe results into false timeouts.
 * Timeouts run on the gate's {@link Scheduler}. Thread-safe; {@link #close()} stops the pool and closes
 * any probe connection still open.
 */
public final class Probes implements ProbeFactory, AutoCloseable {

  private static final int SOCKET_THREADS = 2;

  private final AsynchronousChannelGroup group;
  private final ProbePorts ports;
  private final Map<Boolean, SSLContext> tls = new ConcurrentHashMap<>();
  private final Map<ProbeSpec, Probe> probes = new ConcurrentHashMap<>();

  /**
   * Creates a factory with its own socket threads, for a runner that reads no console output.
   *
   * @param scheduler the clock of timeouts and results
   * @param statusChecks the port behind {@code ec2status} probes
   * @param blockingExecutor where blocking status-check calls run
   * @throws java.io.UncheckedIOException if the socket threads cannot be started
   */
  public Probes(Scheduler scheduler, InstanceStatusChecks statusChecks, Executor blockingExecutor) {
    this(scheduler, statusChecks, ConsoleOutputs.UNAVAILABLE, blockingExecutor);
  }

  /**
   * Creates a factory with its own socket threads.
   *
   * @param scheduler the clock of timeouts and results
   * @param statusChecks the port behind {@code ec2status} probes
   * @param console the port behind {@code ec2console} probes
   * @param blockingExecutor where blocking port calls run
   * @throws java.io.UncheckedIOException if the socket threads cannot be started
   */
  public Probes(Scheduler scheduler, InstanceStatusChecks statusChecks, ConsoleOutputs console, Executor blockingExecutor) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(statusChecks, "statusChecks");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(blockingExecutor, "blockingExecutor");
    AtomicInteger n = new AtomicInteger();
    try {
      group = AsynchronousChannelGroup.withFixedThreadPool(SOCKET_THREADS, r -> {
        Thread t = new Thread(r, "warmgate-probe-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the probes' socket threads", e);
    }
    ports = new ProbePorts(scheduler, blockingExecutor, group, this::tlsContext, statusChecks, console, ApiBudget.defaults(scheduler));
  }

  @Override
  public Probe from(ProbeSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return probes.computeIfAbsent(spec, this::create);
  }

  private Probe create(ProbeSpec spec) {
    return ProbeKinds.create(spec, ports);
  }

  /**
   * The TLS context of HTTPS probes: the JDK's default trust (and host name checks), or, only when a spec
   * trusts self-signed certificates, one that accepts any certificate. One of each is shared.
   */
  SSLContext tlsContext(boolean trustSelfSigned) {
    return tls.computeIfAbsent(trustSelfSigned, trustAll -> {
      if (trustAll) {
        return trustAllContext();
      }
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("no default TLS context", e);
      }
    });
  }

  /** Stops the socket threads; probe connections still open are closed. */
  @Override
  public void close() {
    try {
      group.shutdownNow();
    } catch (IOException e) {
      // the threads stop anyway; nothing else to release
    }
  }

  /**
   * A TLS context that accepts any certificate and skips host name checks, for instances that serve a
   * self-signed certificate on their private IP. Only ever used when a spec asks for it.
   */
  static SSLContext trustAllContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context", e);
    }
  }

  /**
   * Trusts every server. Extending X509ExtendedTrustManager matters: for a plain X509TrustManager the
   * JDK would still check the host name, which an instance's self-signed certificate never matches.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
