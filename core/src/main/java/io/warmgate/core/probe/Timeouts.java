package io.warmgate.core.probe;

import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Timeouts on the gate's own {@link Scheduler}, never on the JDK's real-time timer ({@code orTimeout}):
 * under an accelerated or virtual clock a timeout then lasts what the policy says on that clock, and its
 * continuation runs on the scheduler's thread, not on the JDK's delay thread.
 */
final class Timeouts {

  private Timeouts() {}

  /**
   * Completes {@code stage} exceptionally with a {@link TimeoutException} if it has not completed within
   * {@code timeout} on the scheduler's clock, and runs {@code onTimeout} then (to release what the stage
   * holds, e.g. close a socket). The timer is cancelled as soon as the stage completes.
   *
   * @return {@code stage} itself
   */
  static <T> CompletableFuture<T> within(CompletableFuture<T> stage, Duration timeout, Scheduler scheduler, Runnable onTimeout) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(onTimeout, "onTimeout");
    if (stage.isDone()) {
      return stage;
    }
    Scheduler.Cancellable timer =
        scheduler.scheduleAt(
            scheduler.now().plus(timeout),
            () -> {
              if (stage.completeExceptionally(new TimeoutException("timeout after " + timeout))) {
                onTimeout.run();
              }
            });
    stage.whenComplete((v, t) -> timer.cancel());
    return stage;
  }

  /** {@link #within(CompletableFuture, Duration, Scheduler, Runnable)} with nothing to release. */
  static <T> CompletableFuture<T> within(CompletableFuture<T> stage, Duration timeout, Scheduler scheduler) {
    return within(stage, timeout, scheduler, () -> {});
  }
}
