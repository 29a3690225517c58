package io.warmgate.core.gate;

import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LifecycleHooks;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.WaitingInstances.WaitingInstance;
import io.warmgate.core.port.WaitingInstances;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Finds the instances waiting in the managed groups and runs the gate on each, concurrently: the
 * safety net for lost events and for runs handed over when a runner's time ran out.
 *
 * <p>Which hooks are gated is {@link HookChoice}'s rule. The phase
 * comes from the lifecycle state: {@code Warmed:Pending:Wait} is an instance entering the warm pool,
 * {@code Pending:Wait} a launch into the group, which the gate then tells apart (warm or cold start) from
 * Auto Scaling's scaling activities. Terminating waits are left alone. When the managed groups cannot be listed,
 * the configured ones are still swept and the failure is one problem of the report. Thread-safe.
 */
public final class Sweeper {

  private final ManagedGroups groups;
  private final LifecycleHooks hooks;
  private final WaitingInstances waiting;
  private final Gate gate;
  private final Executor executor;

  /**
   * @param groups names the managed groups (blocking)
   * @param hooks lists each group's hooks (blocking)
   * @param waiting lists each group's waiting instances (blocking)
   * @param gate runs each action found
   * @param executor runs the blocking listing calls
   */
  public Sweeper(ManagedGroups groups, LifecycleHooks hooks, WaitingInstances waiting, Gate gate, Executor executor) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.waiting = Objects.requireNonNull(waiting, "waiting");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Sweeps every managed group once; each action runs until done or until {@code budgetEnd}.
   *
   * @return a stage that completes, never exceptionally, once every action found has ended
   */
  public CompletionStage<SweepReport> sweep(Instant budgetEnd) {
    Objects.requireNonNull(budgetEnd, "budgetEnd");
    CompletableFuture<SweepReport> report = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              list(budgetEnd, report);
            } catch (RuntimeException | Error e) {
              // A bug or a packaging fault: reported, never a report left waiting forever.
              report.complete(new SweepReport(0, 0, List.of(), List.of("sweep failed: " + e), List.of(e)));
            }
          });
    } catch (RejectedExecutionException e) {
      report.complete(new SweepReport(0, 0, List.of(), List.of("sweep not started: executor refused work"), List.of(e)));
    }
    return report;
  }

  private void list(Instant budgetEnd, CompletableFuture<SweepReport> report) {
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> faults = Collections.synchronizedList(new ArrayList<>());
    List<String> groupNames = managedGroups(problems);
    // Groups are listed concurrently on the executor; each group's actions start as soon as it is listed.
    List<CompletableFuture<List<CompletableFuture<ActionFinished>>>> perGroup = new ArrayList<>();
    for (String group : groupNames) {
      CompletableFuture<List<CompletableFuture<ActionFinished>>> listed;
      try {
        listed = CompletableFuture.supplyAsync(() -> sweepGroup(group, budgetEnd, problems), executor);
      } catch (RejectedExecutionException e) {
        problems.add("group " + group + ": not swept, executor refused work");
        faults.add(e);
        continue;
      }
      perGroup.add(
          listed.exceptionally(
              t -> {
                // Port failures are answered in sweepGroup: whatever reaches here is the gate's own fault.
                Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                problems.add("group " + group + ": sweep failed: " + cause);
                faults.add(cause);
                return List.of();
              }));
    }
    CompletableFuture.allOf(perGroup.toArray(new CompletableFuture<?>[0]))
        .thenCompose(
            v -> {
              List<CompletableFuture<ActionFinished>> runs = new ArrayList<>();
              perGroup.forEach(g -> runs.addAll(g.join()));
              return CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0]))
                  .handle(
                      (done, t) -> {
                        List<ActionFinished> finished = new ArrayList<>();
                        for (CompletableFuture<ActionFinished> r : runs) {
                          if (!r.isCompletedExceptionally()) {
                            finished.add(r.join());
                          }
                        }
                        return new SweepReport(groupNames.size(), runs.size(), finished, problems, faults);
                      });
            })
        .whenComplete(
            (r, t) -> report.complete(
                r != null ? r : new SweepReport(groupNames.size(), 0, List.of(), List.of("sweep failed: " + t), List.of(t))));
  }

  private List<String> managedGroups(List<String> problems) {
    try {
      return groups.list();
    } catch (GatePortException e) {
      // A failed lookup (a missing DescribeTags grant, throttling) must not stop the configured groups'
      // sweep: their instances would get no heartbeat and time out. Reported once, here.
      List<String> configured = List.copyOf(groups.configured());
      problems.add("cannot list managed groups: " + e.getMessage() + "; swept the " + configured.size()
          + " configured group(s) only");
      return configured;
    }
  }

  private List<CompletableFuture<ActionFinished>> sweepGroup(String group, Instant budgetEnd, List<String> problems) {
    List<LifecycleHook> gated;
    List<WaitingInstance> instances;
    try {
      gated = gatedHooks(group, problems);
      if (gated.isEmpty()) {
        gate.recheckAllBut(group, Set.of());
        return List.of();
      }
      instances = waiting.list(group);
    } catch (GatePortException e) {
      problems.add("group " + group + ": " + e.getMessage());
      return List.of();
    }
    List<CompletableFuture<ActionFinished>> runs = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (WaitingInstance w : instances) {
      Optional<Phase> phase = Phase.fromLifecycleState(w.lifecycleState());
      if (phase.isEmpty() || !phase.get().isGated()) {
        continue;
      }
      for (LifecycleHook hook : gated) {
        LifecycleAction action = HookChoice.discovered(group, hook.hookName(), w.instanceId(), phase.get());
        found.add(action.key());
        runs.add(gate.run(action, budgetEnd).toCompletableFuture());
      }
    }
    // A run this sweep did not find waiting (the instance terminated, its hook or its group deleted) looks
    // the instance up at its next round, instead of after the longer refresh period of failing probes.
    gate.recheckAllBut(group, found);
    return runs;
  }

  private List<LifecycleHook> gatedHooks(String group, List<String> problems) {
    HookChoice choice = HookChoice.of(group, hooks.list(group));
    choice.problem().ifPresent(problems::add);
    return choice.gated();
  }
}
