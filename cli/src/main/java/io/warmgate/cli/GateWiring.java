package io.warmgate.cli;

import io.warmgate.aws.autoscaling.AutoScalingInstances;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleActions;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleHooks;
import io.warmgate.aws.autoscaling.AutoScalingWaitingInstances;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.ec2.Ec2InstanceStatusChecks;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.gate.Gate;
import io.warmgate.core.gate.Sweeper;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.port.GateListener;
import io.warmgate.core.port.LifecycleActions;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/**
 * Builds the gate and its sweeper from the AWS adapters: the one place where the CLI's runners (daemon,
 * check, demo) wire the core to AWS.
 *
 * @param gate the gate
 * @param sweeper sweeps the managed groups with that gate
 */
public record GateWiring(Gate gate, Sweeper sweeper) {

  /**
   * Wires a gate.
   *
   * @param clients the AWS clients (owned by the caller)
   * @param scheduler the gate's clock and timers
   * @param executor runs blocking AWS calls (owned by the caller)
   * @param groups which groups the sweeper covers
   * @param env environment for {@code WARMGATE_*} settings (the base configuration layer)
   * @param listener observes the gate
   * @param actionsDecorator wraps the lifecycle-actions adapter (e.g. to count calls); identity for none
   * @throws io.warmgate.core.policy.InvalidConfigurationException if the environment's settings are invalid
   */
  public static GateWiring create(
      AwsClients clients,
      Scheduler scheduler,
      ExecutorService executor,
      ManagedGroups groups,
      Map<String, String> env,
      GateListener listener,
      UnaryOperator<LifecycleActions> actionsDecorator) {
    AutoScalingLifecycleHooks hooks = new AutoScalingLifecycleHooks(
        clients.autoScaling(), scheduler.asClock(), AutoScalingLifecycleHooks.DEFAULT_TTL);
    Gate gate = new Gate(
        new AutoScalingInstances(clients.autoScaling(), clients.ec2()),
        hooks,
        actionsDecorator.apply(new AutoScalingLifecycleActions(clients.autoScaling())),
        new Ec2InstanceStatusChecks(clients.ec2()),
        scheduler,
        executor,
        new JacksonMetadataParser(),
        List.of(ConfigLayer.fromEnvironment(env)),
        listener);
    Sweeper sweeper = new Sweeper(groups, hooks, new AutoScalingWaitingInstances(clients.autoScaling()), gate, executor);
    return new GateWiring(gate, sweeper);
  }
}
