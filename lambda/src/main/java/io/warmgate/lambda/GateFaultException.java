package io.warmgate.lambda;

import java.util.List;

/**
 * Ends an invocation in which the gate itself broke: one or more runs (or the sweep) failed on an {@link
 * Error} or an unexpected exception in warmgate's code or packaging, not on an AWS answer. Thrown after
 * every other message was handled, so that Lambda reports a function error, retries the event and finally
 * sends it to the dead-letter queue, where its alarm sees it. The first fault is the cause, the others
 * are suppressed.
 */
public final class GateFaultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param faults what broke, at least one
   * @throws IllegalArgumentException if {@code faults} is empty
   */
  public GateFaultException(List<Throwable> faults) {
    super(message(faults), faults.get(0));
    faults.stream().skip(1).forEach(this::addSuppressed);
  }

  private static String message(List<Throwable> faults) {
    if (faults.isEmpty()) {
      throw new IllegalArgumentException("no fault to report");
    }
    return faults.size() + " run(s) failed on warmgate's own fault, not an AWS answer; first: " + faults.get(0);
  }
}
