package io.warmgate.core.probe;

import io.warmgate.core.model.Durations;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.port.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * An HTTP(S) GET against the instance's private IP: passes on an accepted status code and, if
 * configured, a body (first 64 KiB) containing the expected text.
 *
 * <p>Each check opens its own connection ({@link ProbeConnection}), sends one HTTP/1.1 request with
 * {@code Connection: close}, reads the answer with {@link HttpResponseParser} and closes the connection
 * on every path: a pass, a failure, a garbage status line, a head past 16 KiB, a flood of 1xx answers,
 * a timeout. The JDK's HttpClient was dropped for this: on such protocol errors it left its pooled
 * connection open (CLOSE-WAIT), and a daemon probing one hostile endpoint ran out of descriptors. A
 * health probe needs no pool, no redirects and no HTTP/2, so owning the socket costs little.
 *
 * <p>Never follows redirects, reads at most {@value #BODY_CAP} bytes of the body (and only when a body
 * check asks for it), fails (never throws) on refusal, timeout, TLS errors or garbage. The connect
 * timeout bounds connecting (and the TLS handshake), the read timeout everything after it, both on the
 * gate's {@link Scheduler}. Thread-safe.
 */
public final class HttpProbe implements Probe {

  /** The most body bytes read: 64 KiB. */
  public static final int BODY_CAP = 64 * 1024;

  private final HttpProbeSpec spec;
  private final AsynchronousChannelGroup group;
  private final Optional<SSLContext> tls;
  private final Scheduler scheduler;

  /**
   * @param spec what to request and accept
   * @param group the channel group whose threads complete the probe's socket operations
   * @param tls the TLS context for https specs (trusting self-signed certificates only when the spec
   *     says so); ignored for http
   * @param scheduler the clock of timeouts and results
   */
  public HttpProbe(HttpProbeSpec spec, AsynchronousChannelGroup group, SSLContext tls, Scheduler scheduler) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.group = Objects.requireNonNull(group, "group");
    Objects.requireNonNull(tls, "tls");
    this.tls = spec.scheme().equals("https") ? Optional.of(tls) : Optional.empty();
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public String name() {
    return spec.name();
  }

  /** The spec this probe runs. */
  public HttpProbeSpec spec() {
    return spec;
  }

  @Override
  public CompletionStage<ProbeResult> check(ProbeTarget target) {
    Objects.requireNonNull(target, "target");
    long start = System.nanoTime();
    String host = target.address();
    InetSocketAddress address = host.isBlank() ? null : new InetSocketAddress(host, spec.port());
    if (address == null || address.isUnresolved()) {
      return CompletableFuture.completedFuture(ProbeOutcomes.fail(name(), "bad address '" + host + "'", scheduler, start));
    }
    ProbeConnection connection;
    try {
      connection = ProbeConnection.open(group, tls, host, spec.port());
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(
          ProbeOutcomes.fail(name(), ProbeOutcomes.describe(e, spec.connectTimeout()), scheduler, start));
    }
    HttpResponseParser parser = new HttpResponseParser(spec.bodyContains().isPresent(), BODY_CAP);
    AtomicBoolean connected = new AtomicBoolean();
    CompletableFuture<HttpResponseParser.State> answer;
    try {
      answer =
          Timeouts.within(connection.connect(address), spec.connectTimeout(), scheduler, connection::close)
              .thenCompose(
                  v -> {
                    connected.set(true);
                    return Timeouts.within(exchange(connection, parser, host), spec.readTimeout(), scheduler, connection::close);
                  });
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle(
        (state, failure) -> {
          connection.close(); // every path: the answer is all the probe needs
          if (failure != null) {
            return ProbeOutcomes.fail(name(), describe(failure, connected.get(), parser), scheduler, start);
          }
          return judge(state, start);
        });
  }

  private CompletableFuture<HttpResponseParser.State> exchange(ProbeConnection connection, HttpResponseParser parser, String host) {
    String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    String request =
        "GET " + spec.path() + " HTTP/1.1\r\n"
            + "Host: " + hostHeader + ":" + spec.port() + "\r\n"
            + "User-Agent: warmgate\r\n"
            + "Accept: */*\r\n"
            + "Connection: close\r\n\r\n";
    return connection.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)))
        .thenCompose(v -> readAnswer(connection, parser));
  }

  private static CompletableFuture<HttpResponseParser.State> readAnswer(ProbeConnection connection, HttpResponseParser parser) {
    return connection.read().thenCompose(
        bytes -> {
          HttpResponseParser.State s = bytes.isEmpty() ? parser.endOfStream() : parser.feed(bytes.get());
          return s instanceof HttpResponseParser.NeedMore
              ? readAnswer(connection, parser)
              : CompletableFuture.completedFuture(s);
        });
  }

  private String describe(Throwable failure, boolean connected, HttpResponseParser parser) {
    Throwable t = ProbeOutcomes.unwrap(failure);
    if (t instanceof TimeoutException) {
      if (!connected) {
        return "connect timeout after " + Durations.human(spec.connectTimeout());
      }
      return parser.sawStatus()
          ? "timeout after " + Durations.human(spec.connectTimeout().plus(spec.readTimeout()))
          : "no response within " + Durations.human(spec.readTimeout());
    }
    return ProbeOutcomes.describe(t, connected ? spec.readTimeout() : spec.connectTimeout());
  }

  private ProbeResult judge(HttpResponseParser.State state, long start) {
    if (state instanceof HttpResponseParser.Failed f) {
      return ProbeOutcomes.fail(name(), f.reason(), scheduler, start);
    }
    HttpResponseParser.Done response = (HttpResponseParser.Done) state;
    int status = response.status();
    if (!spec.codes().contains(status)) {
      String where = response.location().map(l -> " (redirect to " + clip(l) + ", not followed)").orElse("");
      return ProbeOutcomes.fail(name(), "status " + status + " not in " + spec.codes() + where, scheduler, start);
    }
    if (spec.bodyContains().isPresent() && !response.body().contains(spec.bodyContains().get())) {
      String within = response.truncated() ? " in the first " + BODY_CAP / 1024 + " KiB" : "";
      return ProbeOutcomes.fail(
          name(), "status " + status + " but body lacks '" + clip(spec.bodyContains().get()) + "'" + within, scheduler, start);
    }
    return ProbeOutcomes.pass(name(), "status " + status, scheduler, start);
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
