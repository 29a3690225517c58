package io.warmgate.core.probe;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.port.Scheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP(S) GET against the instance's private IP: passes on an accepted status code and, if
 * configured, a body (first 64 KiB) containing the expected text.
 *
 * <p>HTTP/1.1, never follows redirects, reads at most {@value #BODY_CAP} bytes of the body, and fails
 * (never throws) on refusal, timeout, TLS errors or garbage. The whole check ends within connect timeout
 * plus read timeout. Shares its {@link HttpClient} with other probes of the same configuration (see
 * {@link Probes}). Thread-safe.
 */
public final class HttpProbe implements Probe {

  /** The most body bytes read: 64 KiB. */
  public static final int BODY_CAP = 64 * 1024;

  private final HttpProbeSpec spec;
  private final HttpClient client;
  private final Scheduler scheduler;
  private final Duration timeout;

  /**
   * @param spec what to request and accept
   * @param client a client configured by {@link Probes#httpClient}: HTTP/1.1, no redirects, the spec's
   *     connect timeout and TLS trust
   * @param scheduler the clock stamped on results
   */
  public HttpProbe(HttpProbeSpec spec, HttpClient client, Scheduler scheduler) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.client = Objects.requireNonNull(client, "client");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.timeout = spec.connectTimeout().plus(spec.readTimeout());
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
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(uri(target))
              .GET()
              .timeout(spec.readTimeout())
              .header("User-Agent", "warmgate")
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          ProbeOutcomes.fail(name(), "bad address '" + target.address() + "'", scheduler, start));
    }
    AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> sent;
    try {
      sent =
          client.sendAsync(
              request,
              info -> {
                CappedBodySubscriber s = new CappedBodySubscriber(BODY_CAP);
                body.set(s);
                return s;
              });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          ProbeOutcomes.fail(name(), ProbeOutcomes.describe(e, timeout), scheduler, start));
    }
    // The client's own timeouts cover connecting and waiting for headers; this guard also covers a body
    // that trickles in forever.
    return sent.copy()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (response, failure) -> {
              if (failure != null) {
                if (ProbeOutcomes.unwrap(failure) instanceof TimeoutException) {
                  CappedBodySubscriber s = body.get();
                  if (s != null) {
                    s.cancel(failure);
                  }
                  sent.cancel(true);
                }
                return ProbeOutcomes.fail(name(), ProbeOutcomes.describe(failure, timeoutFor(failure)), scheduler, start);
              }
              return judge(response, start);
            });
  }

  private ProbeResult judge(HttpResponse<CappedBodySubscriber.Body> response, long start) {
    int status = response.statusCode();
    if (!spec.codes().contains(status)) {
      String where = response.headers().firstValue("Location").map(l -> " (redirect to " + clip(l) + ", not followed)").orElse("");
      return ProbeOutcomes.fail(name(), "status " + status + " not in " + spec.codes() + where, scheduler, start);
    }
    if (spec.bodyContains().isPresent()) {
      CappedBodySubscriber.Body b = response.body();
      if (!b.text().contains(spec.bodyContains().get())) {
        String within = b.truncated() ? " in the first " + BODY_CAP / 1024 + " KiB" : "";
        return ProbeOutcomes.fail(
            name(), "status " + status + " but body lacks '" + clip(spec.bodyContains().get()) + "'" + within, scheduler, start);
      }
    }
    return ProbeOutcomes.pass(name(), "status " + status, scheduler, start);
  }

  /** The timeout a failure is about, for its message. */
  private Duration timeoutFor(Throwable failure) {
    Throwable t = ProbeOutcomes.unwrap(failure);
    if (t instanceof java.net.http.HttpConnectTimeoutException) {
      return spec.connectTimeout();
    }
    if (t instanceof java.net.http.HttpTimeoutException) {
      return spec.readTimeout();
    }
    return timeout;
  }

  private URI uri(ProbeTarget target) {
    String host = target.address();
    if (host.isBlank()) {
      throw new IllegalArgumentException("blank address");
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create(spec.scheme() + "://" + host + ":" + spec.port() + spec.path());
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
