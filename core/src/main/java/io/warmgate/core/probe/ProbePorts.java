package io.warmgate.core.probe;

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
 */
public record ProbePorts(
    Scheduler scheduler,
    Executor blockingExecutor,
    AsynchronousChannelGroup sockets,
    Function<Boolean, SSLContext> tls,
    InstanceStatusChecks statusChecks) {

  public ProbePorts {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(blockingExecutor, "blockingExecutor");
    Objects.requireNonNull(sockets, "sockets");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(statusChecks, "statusChecks");
  }
}
