package io.warmgate.core.testing;

import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleHooks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Hook definitions held in memory; tests put them and script lookup failures. Thread-safe. */
public final class FakeLifecycleHooks implements LifecycleHooks {

  private final Map<String, LifecycleHook> hooks = new ConcurrentHashMap<>();
  private final Deque<GatePortException> failures = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** A launching hook with the given heartbeat timeout, ABANDON by default, and optional metadata. */
  public static LifecycleHook launching(String group, String hook, Duration heartbeatTimeout, String metadata) {
    return LifecycleHook.of(
        group, hook, LifecycleTransition.LAUNCHING, heartbeatTimeout, LifecycleResult.ABANDON, Optional.ofNullable(metadata));
  }

  /** Adds or replaces a hook. */
  public FakeLifecycleHooks put(LifecycleHook hook) {
    hooks.put(hook.groupName() + "/" + hook.hookName(), hook);
    return this;
  }

  /** Makes the next {@code times} lookups throw {@code failure}. */
  public synchronized void failNext(int times, GatePortException failure) {
    for (int i = 0; i < times; i++) {
      failures.add(failure);
    }
  }

  /** Lookups so far (find and list). */
  public int calls() {
    return calls.get();
  }

  @Override
  public Optional<LifecycleHook> find(String groupName, String hookName) {
    maybeFail();
    return Optional.ofNullable(hooks.get(groupName + "/" + hookName));
  }

  @Override
  public List<LifecycleHook> list(String groupName) {
    maybeFail();
    List<LifecycleHook> out = new ArrayList<>();
    for (LifecycleHook h : hooks.values()) {
      if (h.groupName().equals(groupName)) {
        out.add(h);
      }
    }
    out.sort((a, b) -> a.hookName().compareTo(b.hookName()));
    return out;
  }

  private void maybeFail() {
    calls.incrementAndGet();
    GatePortException f;
    synchronized (this) {
      f = failures.poll();
    }
    if (f != null) {
      throw f;
    }
  }
}
