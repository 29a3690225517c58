package io.warmgate.core.testing;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.port.Scheduler;
import io.warmgate.core.probe.Probe;
import io.warmgate.core.probe.ProbeFactory;
import io.warmgate.core.probe.ProbeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * A probe whose verdict a test scripts as a function of target and virtual time, e.g. "ready from
 * 10:12". Optionally answers after a latency on the scheduler, like a real asynchronous probe.
 * Thread-safe.
 */
public final class ScriptedProbe implements Probe {

  private final String name;
  private final Scheduler scheduler;
  private final BiPredicate<ProbeTarget, Instant> passes;
  private final Duration latency;
  private final AtomicInteger checks = new AtomicInteger();

  /**
   * @param name the probe's name in results
   * @param scheduler the virtual clock
   * @param passes whether a check of this target at this time passes
   */
  public ScriptedProbe(String name, Scheduler scheduler, BiPredicate<ProbeTarget, Instant> passes) {
    this(name, scheduler, passes, Duration.ZERO);
  }

  private ScriptedProbe(String name, Scheduler scheduler, BiPredicate<ProbeTarget, Instant> passes, Duration latency) {
    this.name = Objects.requireNonNull(name, "name");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.passes = Objects.requireNonNull(passes, "passes");
    this.latency = Objects.requireNonNull(latency, "latency");
  }

  /** Passes for every target from {@code readyAt} on. */
  public static ScriptedProbe readyFrom(Scheduler scheduler, Instant readyAt) {
    return new ScriptedProbe("scripted", scheduler, (t, now) -> !now.isBefore(readyAt));
  }

  /** Passes for each instance from its own time on; never for instances not in the map. */
  public static ScriptedProbe readyFrom(Scheduler scheduler, Map<String, Instant> readyAt) {
    Map<String, Instant> copy = new ConcurrentHashMap<>(readyAt);
    return new ScriptedProbe(
        "scripted", scheduler, (t, now) -> copy.containsKey(t.instanceId()) && !now.isBefore(copy.get(t.instanceId())));
  }

  /** Always passes, or never. */
  public static ScriptedProbe always(Scheduler scheduler, boolean pass) {
    return new ScriptedProbe("scripted", scheduler, (t, now) -> pass);
  }

  /** This probe answering {@code latency} after each check, on the scheduler. */
  public ScriptedProbe withLatency(Duration latency) {
    return new ScriptedProbe(name, scheduler, passes, latency);
  }

  /** A factory that returns this probe for every spec. */
  public ProbeFactory asFactory() {
    return spec -> this;
  }

  /** Checks so far. */
  public int checks() {
    return checks.get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletionStage<ProbeResult> check(ProbeTarget target) {
    checks.incrementAndGet();
    if (latency.isZero()) {
      return CompletableFuture.completedFuture(verdict(target, scheduler.now()));
    }
    CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    Instant startedAt = scheduler.now();
    scheduler.scheduleAt(startedAt.plus(latency), () -> result.complete(verdict(target, startedAt)));
    return result;
  }

  private ProbeResult verdict(ProbeTarget target, Instant checkedAt) {
    boolean ok = passes.test(target, checkedAt);
    Instant at = scheduler.now();
    return ok ? ProbeResult.pass(name, "scripted pass", at, latency) : ProbeResult.fail(name, "scripted fail", at, latency);
  }
}
