package io.warmgate.core.probe;

import io.warmgate.core.model.ProbeResult;
import java.util.concurrent.CompletionStage;

/**
 * One readiness check against one instance.
 *
 * <p>Asynchronous: {@link #check} returns at once and never parks a thread for the probe's duration.
 * The stage always completes normally, with a failing {@link ProbeResult} for timeouts, refusals and
 * hostile answers, within the probe's own timeout. Thread-safe.
 */
public interface Probe {

  /** A short stable name for logs, e.g. {@code http:80/health}. */
  String name();

  /** Checks the target once. */
  CompletionStage<ProbeResult> check(ProbeTarget target);
}
