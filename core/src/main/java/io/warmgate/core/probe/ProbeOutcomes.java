package io.warmgate.core.probe;

import static io.warmgate.core.model.Durations.human;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.Scheduler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns probe failures into short, stable failing results. */
final class ProbeOutcomes {

  private ProbeOutcomes() {}

  static Duration since(long startNanos) {
    return Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos));
  }

  static ProbeResult pass(String name, String detail, Scheduler scheduler, long startNanos) {
    return ProbeResult.pass(name, detail, scheduler.now(), since(startNanos));
  }

  static ProbeResult fail(String name, String detail, Scheduler scheduler, long startNanos) {
    return ProbeResult.fail(name, detail, scheduler.now(), since(startNanos));
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** A short reason for a failure, e.g. {@code connection refused} or {@code timeout after 2s}. */
  static String describe(Throwable failure, Duration timeout) {
    Throwable t = unwrap(failure);
    if (t instanceof TimeoutException || t instanceof AsynchronousCloseException || t instanceof CancellationException) {
      return "timeout after " + human(timeout);
    }
    if (t instanceof ConnectException) {
      return "connection refused" + suffix(t);
    }
    if (t instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (t instanceof SSLException) {
      return "TLS failed" + suffix(t);
    }
    if (t instanceof IOException) {
      return "I/O error" + suffix(t);
    }
    return t.getClass().getSimpleName() + suffix(t);
  }

  private static String suffix(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank() || m.equalsIgnoreCase("connection refused")) {
      return "";
    }
    return ": " + (m.length() > 160 ? m.substring(0, 160) + "..." : m);
  }
}
