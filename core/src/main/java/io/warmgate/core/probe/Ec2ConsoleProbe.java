package io.warmgate.core.probe;

import static io.warmgate.core.model.Durations.human;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * Reads the instance's console output through the {@link ConsoleOutputs} port and judges it with {@link
 * ConsoleReadiness} against the start of the current boot ({@link ProbeTarget#bootStart()}).
 *
 * <p>Each instance is read at most once per {@link ApiBudget#readInterval()}; a check in between answers
 * the last read's verdict without a call, and a check that finds no token in the budget fails without
 * one, so N waiting instances cost the account the budget's rate, not N calls per round. With {@code
 * latest=auto}, an instance that refuses {@code Latest=true} is read without it from then on. The port
 * blocks, so the call runs on the supplied executor, within the spec's timeout on the gate's scheduler.
 * Never throws. Thread-safe.
 */
public final class Ec2ConsoleProbe implements Probe {

  private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  private static final int MAX_REMEMBERED = 100_000;

  private final Ec2ConsoleProbeSpec spec;
  private final ConsoleOutputs console;
  private final Executor executor;
  private final Scheduler scheduler;
  private final ApiBudget budget;
  private final Pattern ready;
  private final Map<String, Read> lastRead = new ConcurrentHashMap<>();
  private final Set<String> withoutLatest = ConcurrentHashMap.newKeySet();

  /** The last verdict on one instance, for the boot it was read in. */
  private record Read(Instant bootStart, Instant at, boolean ready, String reason) {}

  /**
   * @param spec the probe's settings
   * @param console the console-output port
   * @param executor where the blocking call runs
   * @param scheduler the clock of the timeout, of the boot check and of results
   * @param budget the gate's share of EC2's request budget, shared by every console probe of the gate
   */
  public Ec2ConsoleProbe(Ec2ConsoleProbeSpec spec, ConsoleOutputs console, Executor executor, Scheduler scheduler, ApiBudget budget) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.console = Objects.requireNonNull(console, "console");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.ready = spec.readyPattern().map(Pattern::compile).orElse(ConsoleReadiness.EC2LAUNCH_READY);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public CompletionStage<ProbeResult> check(ProbeTarget target) {
    Objects.requireNonNull(target, "target");
    long start = System.nanoTime();
    if (target.bootStart().isEmpty()) {
      return done(false, "the start of the current boot is unknown: console output cannot be tied to it", start);
    }
    Instant bootStart = target.bootStart().get();
    String id = target.instanceId();
    budget.checking(id);
    Instant now = scheduler.now();
    Read last = lastRead.get(id);
    if (last != null && last.bootStart().equals(bootStart) && now.isBefore(last.at().plus(budget.readInterval()))) {
      return done(last.ready(), last.reason() + " (read " + human(Duration.between(last.at(), now)) + " ago; reads paced to the API budget)", start);
    }
    if (!budget.tryAcquire()) {
      return done(false, "console read deferred: the EC2 API budget (" + budget.rate() + " calls/s) is spent", start);
    }
    boolean latest = switch (spec.latest()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> !withoutLatest.contains(id);
    };
    CompletableFuture<ConsoleOutputs.ConsoleOutput> call;
    try {
      call = CompletableFuture.supplyAsync(() -> console.read(id, latest), executor);
    } catch (RejectedExecutionException e) {
      return done(false, "gate is overloaded: " + e.getMessage(), start);
    }
    return Timeouts.within(call, spec.timeout(), scheduler).handle((output, failure) -> {
      if (failure != null) {
        Throwable cause = ProbeOutcomes.unwrap(failure);
        if (cause instanceof ConsoleOutputs.LatestUnsupportedException && spec.latest() == Ec2ConsoleProbeSpec.Latest.AUTO) {
          remember(withoutLatest, id);
          return ProbeOutcomes.fail(name(), "Latest=true refused (not a Nitro instance); reading the buffered output from now on", scheduler, start);
        }
        return ProbeOutcomes.fail(name(), "console output unavailable: " + ProbeOutcomes.describe(failure, spec.timeout()), scheduler, start);
      }
      Instant at = scheduler.now();
      ConsoleReadiness.Verdict verdict = ConsoleReadiness.judge(output.output(), bootStart, at, ready);
      remember(id, new Read(bootStart, at, verdict.ready(), verdict.reason()));
      return verdict.ready()
          ? ProbeOutcomes.pass(name(), verdict.reason(), scheduler, start)
          : ProbeOutcomes.fail(name(), verdict.reason(), scheduler, start);
    });
  }

  private void remember(String id, Read read) {
    if (lastRead.size() >= MAX_REMEMBERED) {
      Instant cutoff = read.at().minus(FORGET_AFTER);
      lastRead.values().removeIf(r -> r.at().isBefore(cutoff));
    }
    if (lastRead.size() < MAX_REMEMBERED) {
      lastRead.put(id, read);
    }
  }

  private static void remember(Set<String> set, String id) {
    if (set.size() < MAX_REMEMBERED) {
      set.add(id);
    }
  }

  private CompletionStage<ProbeResult> done(boolean passed, String reason, long start) {
    return CompletableFuture.completedFuture(
        passed ? ProbeOutcomes.pass(name(), reason, scheduler, start) : ProbeOutcomes.fail(name(), reason, scheduler, start));
  }
}
