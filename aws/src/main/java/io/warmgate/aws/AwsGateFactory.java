package io.warmgate.aws;

import io.warmgate.aws.autoscaling.BatchingInstances;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleActions;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleHooks;
import io.warmgate.aws.autoscaling.AutoScalingWaitingInstances;
import io.warmgate.aws.autoscaling.ScalingActivityLaunchOrigins;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.ec2.Ec2ConsoleOutputs;
import io.warmgate.aws.ec2.Ec2InstanceStatusChecks;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.GateBuilder;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.LifecycleHooks;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.Scheduler;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The AWS side of every runner's gate: builds the core's ports from one {@link AwsClients} and hands
 * out a {@link GateBuilder} with them already set, and a {@link Sweeper} on the same ports.
 *
 * <p>The gate and the sweeper share one hook cache, so a sweep's fresh listing also refreshes what the
 * gate uses. Instances are looked up through {@link BatchingInstances}, so the lookups of concurrent runs
 * (a sweep's, a burst of events, a scale-out of a whole warm pool) share their calls, in every runner. A runner adds what is its own, the executor, the configuration layers and the listener:
 *
 * <pre>{@code
 * AwsGateFactory aws = AwsGateFactory.of(clients, scheduler);
 * Gate gate = aws.gate().executor(workers).environment(System.getenv()).listener(log).build();
 * Sweeper sweeper = aws.sweeper(managedGroups, gate, workers);
 * }</pre>
 *
 * <p>Building makes no network call. Thread-safe; the clients stay the caller's to close.
 */
public final class AwsGateFactory {

  private final Scheduler scheduler;
  private final BatchingInstances instances;
  private final AutoScalingLifecycleHooks hooks;
  private final AutoScalingLifecycleActions actions;
  private final Ec2InstanceStatusChecks statusChecks;
  private final Ec2ConsoleOutputs consoleOutputs;
  private final AutoScalingWaitingInstances waiting;
  private final ScalingActivityLaunchOrigins origins;
  private final JacksonMetadataParser parser = new JacksonMetadataParser();

  private AwsGateFactory(AwsClients clients, Scheduler scheduler) {
    this.scheduler = scheduler;
    this.instances = new BatchingInstances(clients.autoScaling(), clients.ec2(), scheduler, BatchingInstances.DEFAULT_WINDOW);
    this.hooks = new AutoScalingLifecycleHooks(clients.autoScaling(), scheduler.asClock(), AutoScalingLifecycleHooks.DEFAULT_TTL);
    this.actions = new AutoScalingLifecycleActions(clients.autoScaling());
    this.statusChecks = new Ec2InstanceStatusChecks(clients.ec2());
    this.consoleOutputs = new Ec2ConsoleOutputs(clients.ec2());
    this.waiting = new AutoScalingWaitingInstances(clients.autoScaling());
    this.origins = new ScalingActivityLaunchOrigins(clients.autoScaling(), scheduler.asClock());
  }

  /**
   * Builds the adapters.
   *
   * @param clients the Auto Scaling and EC2 clients (owned by the caller)
   * @param scheduler the gate's clock and timers; the hook cache ages on its clock too
   */
  public static AwsGateFactory of(AwsClients clients, Scheduler scheduler) {
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(scheduler, "scheduler");
    return new AwsGateFactory(clients, scheduler);
  }

  /**
   * A gate builder with the AWS ports (batched instance lookups; warm starts told from cold starts by the
   * scaling activities), real probes (EC2 status checks for {@code ec2status}, console output for {@code ec2console}), the
   * scheduler and the JSON metadata parser set; still to give: the executor, and usually the
   * environment and a listener. Each call returns a new builder.
   */
  public GateBuilder gate() {
    return Gate.builder()
        .instances(instances)
        .hooks(hooks)
        .actions(actions)
        .origins(origins)
        .statusChecks(statusChecks)
        .consoleOutputs(consoleOutputs)
        .scheduler(scheduler)
        .metadataParser(parser);
  }

  /**
   * A sweeper over {@code groups} that runs each waiting action through {@code gate}.
   *
   * @param groups names the managed groups
   * @param gate a gate built from {@link #gate()}
   * @param executor runs the blocking listing calls (usually the gate's executor)
   */
  public Sweeper sweeper(ManagedGroups groups, Gate gate, Executor executor) {
    return new Sweeper(groups, hooks, waiting, gate, executor);
  }

  /** The lifecycle-actions adapter, for a runner that wraps it (e.g. to count calls) and sets it on {@link #gate()}. */
  public LifecycleActions actions() {
    return actions;
  }

  /** The hook adapter (with its cache) that the gate and the sweeper share. */
  public LifecycleHooks hooks() {
    return hooks;
  }
}
