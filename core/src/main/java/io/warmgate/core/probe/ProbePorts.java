package io.warmgate.core.probe;

import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.port.Scheduler;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * What probe kinds make their probes from: the gate's clock, the executor of blocking port calls, the
 * shared socket threads and TLS contexts, and the EC2 API ports.
 *
 * @param scheduler the clock of timeouts and results
 * @param blockingExecutor where blocking port calls run
 * @param sockets the channel group every probe socket uses
 * @param tls the TLS context for a trust setting ({@code true}: trust self-signed certificates)
 * @param statusChecks EC2's status checks
 * @param console EC2's console output
 * @param apiBudget the share of EC2's request budget that probes calling the API once per read spend
 */
public record ProbePorts(
    Scheduler scheduler,
    Executor blockingExecutor,
    AsynchronousChannelGroup sockets,
    Function<Boolean, SSLContext> tls,
    InstanceStatusChecks statusChecks,
    ConsoleOutputs console,
    ApiBudget apiBudget) {

  public ProbePorts {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(blockingExecutor, "blockingExecutor");
    Objects.requireNonNull(sockets, "sockets");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(statusChecks, "statusChecks");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(apiBudget, "apiBudget");
  }
}
