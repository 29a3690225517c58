package io.warmgate.cli.demo;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.port.LifecycleActions;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every heartbeat and completion a gate sends, failed ones included, then passes it on. Thread-safe. */
final class CountingLifecycleActions implements LifecycleActions {

  private final LifecycleActions delegate;
  private final AtomicInteger calls = new AtomicInteger();

  CountingLifecycleActions(LifecycleActions delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Calls made so far. */
  int calls() {
    return calls.get();
  }

  @Override
  public Outcome recordHeartbeat(LifecycleAction action) {
    calls.incrementAndGet();
    return delegate.recordHeartbeat(action);
  }

  @Override
  public Outcome complete(LifecycleAction action, LifecycleResult result) {
    calls.incrementAndGet();
    return delegate.complete(action, result);
  }
}
