package io.warmgate.core.probe;

import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.TcpProbeSpec;
import io.warmgate.core.port.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A TCP connect to the instance's private IP; passes once the connection is accepted, then closes it.
 *
 * <p>Asynchronous (an {@link AsynchronousSocketChannel}); fails, never throws, on refusal or when the
 * connect timeout passes on the gate's {@link Scheduler}; the socket is closed on every path. Thread-safe.
 */
public final class TcpProbe implements Probe {

  private final TcpProbeSpec spec;
  private final AsynchronousChannelGroup group;
  private final Scheduler scheduler;

  /**
   * @param spec the port and connect timeout
   * @param group the channel group whose threads complete the connect
   * @param scheduler the clock of the timeout and of results
   */
  public TcpProbe(TcpProbeSpec spec, AsynchronousChannelGroup group, Scheduler scheduler) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.group = Objects.requireNonNull(group, "group");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public CompletionStage<ProbeResult> check(ProbeTarget target) {
    Objects.requireNonNull(target, "target");
    long start = System.nanoTime();
    if (target.address().isBlank()) {
      // An empty host would resolve to localhost: never probe the gate's own machine by accident.
      return CompletableFuture.completedFuture(ProbeOutcomes.fail(name(), "no address to connect to", scheduler, start));
    }
    AsynchronousSocketChannel channel;
    CompletableFuture<Void> connected = new CompletableFuture<>();
    try {
      channel = AsynchronousSocketChannel.open(group);
      channel.connect(
          new InetSocketAddress(target.address(), spec.port()),
          null,
          new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void v, Void a) {
              connected.complete(null);
            }

            @Override
            public void failed(Throwable t, Void a) {
              connected.completeExceptionally(t);
            }
          });
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(
          ProbeOutcomes.fail(name(), ProbeOutcomes.describe(e, spec.connectTimeout()), scheduler, start));
    }
    AsynchronousSocketChannel opened = channel;
    return Timeouts.within(connected, spec.connectTimeout(), scheduler, () -> closeQuietly(opened))
        .handle(
            (v, failure) -> {
              closeQuietly(channel);
              if (failure != null) {
                return ProbeOutcomes.fail(name(), ProbeOutcomes.describe(failure, spec.connectTimeout()), scheduler, start);
              }
              return ProbeOutcomes.pass(name(), "connected", scheduler, start);
            });
  }

  private static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do: the probe's result is already decided
    }
  }
}
