package io.warmgate.cli.demo;

import io.warmgate.aws.AwsGateFactory;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.aws.runner.LifecycleDispatcher;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One story's gate: the core {@link Gate} and {@link Sweeper} wired to the AWS adapters against the
 * emulator's endpoint, on the emulator's clock, exactly as a runner wires them against AWS.
 */
final class CoreStoryGate implements StoryGate {

  // The demo's gate never runs out of time: it is a long-running runner like the daemon.
  private static final Duration BUDGET = Duration.ofDays(1);

  private final String group;
  private final AwsClients clients;
  private final ExecutorService executor;
  private final Scheduler scheduler;
  private final CountingLifecycleActions actions;
  private final DecisionRecorder recorder = new DecisionRecorder();
  private final Gate gate;
  private final Sweeper sweeper;
  private final LifecycleEventParser parser = new LifecycleEventParser();
  private final LifecycleDispatcher dispatcher;

  CoreStoryGate(StoryKind kind, DemoEnvironment env) {
    this.group = kind.groupName();
    this.clients = env.newClients();
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "gate-" + kind.id() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.scheduler = new EmulatorScheduler(env.emulator().clock());
    AwsGateFactory aws = AwsGateFactory.of(clients, scheduler);
    this.actions = new CountingLifecycleActions(aws.actions());
    this.gate = aws.gate().actions(actions).executor(executor).listener(recorder).build();
    this.sweeper = aws.sweeper(() -> List.of(group), gate, executor);
    // Each story's gate manages its own group only: the emulator's events reach every story.
    this.dispatcher = new LifecycleDispatcher(gate, scheduler,
        g -> g.equals(group) ? LifecycleDispatcher.Membership.MANAGED : LifecycleDispatcher.Membership.NOT_MANAGED,
        LifecycleDispatcher.Listener.NONE);
  }

  @Override
  public void onEvent(String eventJson) {
    // Test notifications, other events and malformed input are dropped; the sweep is the safety net.
    dispatcher.dispatch(parser.parseAll(eventJson), budgetEnd());
  }

  @Override
  public void sweep() {
    sweeper.sweep(budgetEnd());
  }

  @Override
  public List<DecisionNote> decisions() {
    return recorder.notes();
  }

  @Override
  public int lifecycleCalls() {
    return actions.calls();
  }

  private Instant budgetEnd() {
    return scheduler.now().plus(BUDGET);
  }

  @Override
  public void close() {
    try {
      // Let calls in flight finish so no completion is left half-sent.
      gate.shutdown().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Shutting down anyway; the emulator goes away with the demo.
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    clients.close();
  }
}
