package io.warmgate.core.probe;

import io.warmgate.core.policy.Ec2StatusProbeSpec;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.TcpProbeSpec;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.port.Scheduler;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Makes probes from specs, sharing what can be shared: one {@link HttpClient} per connect timeout and
 * TLS trust, one probe per distinct spec.
 *
 * <p>HTTP responses are handled on a small pool of daemon threads owned by this object (or on the
 * executor given), never on the executor of blocking port calls, so slow AWS calls cannot delay probe
 * results into false timeouts. Thread-safe; {@link #close()} stops the owned pool.
 *
 * <p>Note for runners: the JDK's HttpClient completes every {@code sendAsync} through
 * CompletableFuture's default executor. With fewer than 3 cores that executor starts a short-lived
 * thread per response; a runner on a small machine (Lambda, a 2-core host) should start the JVM with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} so responses share two threads.
 */
public final class Probes implements ProbeFactory, AutoCloseable {

  private static final int HTTP_THREADS = 2;

  private final Scheduler scheduler;
  private final InstanceStatusChecks statusChecks;
  private final Executor blockingExecutor;
  private final Executor httpExecutor;
  private final ExecutorService ownedHttpExecutor;
  private final Duration statusTimeout;
  private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<ProbeSpec, Probe> probes = new ConcurrentHashMap<>();

  private record ClientKey(Duration connectTimeout, boolean trustSelfSigned) {}

  /**
   * Creates a factory with its own HTTP thread pool.
   *
   * @param scheduler the clock stamped on results
   * @param statusChecks the port behind {@code ec2status} probes
   * @param blockingExecutor where blocking status-check calls run
   */
  public Probes(Scheduler scheduler, InstanceStatusChecks statusChecks, Executor blockingExecutor) {
    this(scheduler, statusChecks, blockingExecutor, null);
  }

  /**
   * Creates a factory.
   *
   * @param scheduler the clock stamped on results
   * @param statusChecks the port behind {@code ec2status} probes
   * @param blockingExecutor where blocking status-check calls run
   * @param httpExecutor where the HTTP client runs its tasks, or null for a pool of two daemon threads
   *     owned by this factory
   */
  public Probes(Scheduler scheduler, InstanceStatusChecks statusChecks, Executor blockingExecutor, Executor httpExecutor) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.statusChecks = Objects.requireNonNull(statusChecks, "statusChecks");
    this.blockingExecutor = Objects.requireNonNull(blockingExecutor, "blockingExecutor");
    if (httpExecutor == null) {
      AtomicInteger n = new AtomicInteger();
      ownedHttpExecutor =
          Executors.newFixedThreadPool(
              HTTP_THREADS,
              r -> {
                Thread t = new Thread(r, "warmgate-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.httpExecutor = ownedHttpExecutor;
    } else {
      ownedHttpExecutor = null;
      this.httpExecutor = httpExecutor;
    }
    this.statusTimeout = Duration.ofSeconds(10);
  }

  @Override
  public Probe from(ProbeSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return probes.computeIfAbsent(spec, this::create);
  }

  private Probe create(ProbeSpec spec) {
    if (spec instanceof HttpProbeSpec h) {
      return new HttpProbe(h, httpClient(h), scheduler);
    }
    if (spec instanceof TcpProbeSpec t) {
      return new TcpProbe(t, scheduler);
    }
    if (spec instanceof Ec2StatusProbeSpec) {
      return new Ec2StatusProbe(statusChecks, blockingExecutor, scheduler, statusTimeout);
    }
    throw new IllegalArgumentException("unknown probe spec: " + spec);
  }

  /**
   * The shared client for a spec: HTTP/1.1, redirects never followed, the spec's connect timeout, and a
   * trust-all TLS context only when the spec trusts self-signed certificates.
   */
  public HttpClient httpClient(HttpProbeSpec spec) {
    return clients.computeIfAbsent(
        new ClientKey(spec.connectTimeout(), spec.trustSelfSigned()),
        k -> {
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(k.connectTimeout())
                  .executor(httpExecutor);
          if (k.trustSelfSigned()) {
            b.sslContext(trustAllContext());
          }
          return b.build();
        });
  }

  /** Stops the HTTP thread pool this factory owns, if any. */
  @Override
  public void close() {
    if (ownedHttpExecutor != null) {
      ownedHttpExecutor.shutdownNow();
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
