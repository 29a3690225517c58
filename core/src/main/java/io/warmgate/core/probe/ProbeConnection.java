package io.warmgate.core.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * One probe's own connection, plain or TLS, on an {@link AsynchronousSocketChannel}: connect, write the
 * request, read the answer in pieces, close. No pool and no reuse: the probe that opens it closes it, on
 * every path, which a pooled client cannot promise on a protocol error.
 *
 * <p>TLS runs on an {@link SSLEngine} over the channel. Calls are made one after another by the probe
 * (never two reads or two writes at once). {@link #close()} is idempotent and may be called from any
 * thread, e.g. by a timeout; pending operations then fail.
 */
final class ProbeConnection implements AutoCloseable {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final AsynchronousSocketChannel channel;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SSLEngine engine;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;

  private ProbeConnection(AsynchronousSocketChannel channel, SSLEngine engine) {
    this.channel = channel;
    this.engine = engine;
    if (engine != null) {
      int packet = engine.getSession().getPacketBufferSize();
      netIn = ByteBuffer.allocate(packet);
      netOut = ByteBuffer.allocate(packet);
      appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
      appIn.flip(); // empty, ready to be read from
    }
  }

  /**
   * Opens a channel and starts connecting; TLS (when {@code tls} is present) is set up after the connect.
   *
   * @throws IOException if the channel cannot be opened
   */
  static ProbeConnection open(AsynchronousChannelGroup group, Optional<SSLContext> tls, String host, int port) throws IOException {
    AsynchronousSocketChannel ch = AsynchronousSocketChannel.open(group);
    SSLEngine engine = null;
    if (tls.isPresent()) {
      engine = tls.get().createSSLEngine(host, port);
      engine.setUseClientMode(true);
      // Host name checks as an HTTPS client does them; a trust-all context (self-signed instances) skips them.
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
    }
    return new ProbeConnection(ch, engine);
  }

  /** Connects, then completes the TLS handshake if this is a TLS connection. */
  CompletableFuture<Void> connect(InetSocketAddress address) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    try {
      channel.connect(address, null, handler(connected, v -> null));
    } catch (RuntimeException e) {
      connected.completeExceptionally(e);
    }
    if (engine == null) {
      return connected;
    }
    return connected.thenCompose(v -> {
      try {
        engine.beginHandshake();
      } catch (SSLException e) {
        return CompletableFuture.failedFuture(e);
      }
      return handshake();
    });
  }

  /** Writes all of {@code data}. */
  CompletableFuture<Void> write(ByteBuffer data) {
    if (engine == null) {
      return writeFully(data);
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    try {
      while (data.hasRemaining()) {
        netOut.clear();
        SSLEngineResult r = engine.wrap(data, netOut);
        if (r.getStatus() != SSLEngineResult.Status.OK) {
          return CompletableFuture.failedFuture(new SSLException("TLS wrap: " + r.getStatus()));
        }
        netOut.flip();
        ByteBuffer copy = ByteBuffer.allocate(netOut.remaining()).put(netOut).flip();
        chain = chain.thenCompose(v -> writeFully(copy));
      }
    } catch (SSLException e) {
      return CompletableFuture.failedFuture(e);
    }
    return chain;
  }

  /** Reads the next bytes of the answer; an empty result means the server closed its side. */
  CompletableFuture<Optional<ByteBuffer>> read() {
    if (engine == null) {
      ByteBuffer buf = ByteBuffer.allocate(8192);
      return readRaw(buf).thenApply(n -> n < 0 ? Optional.<ByteBuffer>empty() : Optional.of(buf.flip()));
    }
    return readTls();
  }

  private CompletableFuture<Optional<ByteBuffer>> readTls() {
    if (appIn.hasRemaining()) {
      ByteBuffer out = ByteBuffer.allocate(appIn.remaining()).put(appIn).flip();
      return CompletableFuture.completedFuture(Optional.of(out));
    }
    try {
      netIn.flip();
      appIn.clear();
      SSLEngineResult r = engine.unwrap(netIn, appIn);
      netIn.compact();
      appIn.flip();
      switch (r.getStatus()) {
        case CLOSED:
          return CompletableFuture.completedFuture(Optional.empty());
        case BUFFER_OVERFLOW:
          appIn = ByteBuffer.allocate(appIn.capacity() * 2).flip();
          return readTls();
        case BUFFER_UNDERFLOW:
          return fillNetIn().thenCompose(n -> n < 0 ? CompletableFuture.completedFuture(Optional.<ByteBuffer>empty()) : readTls());
        case OK:
        default:
          if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
              || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            // A post-handshake message (a key update) asked for an answer.
            return handshake().thenCompose(v -> readTls());
          }
          return readTls(); // app bytes now waiting in appIn, or a ticket consumed: look again
      }
    } catch (SSLException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Void> handshake() {
    try {
      while (true) {
        switch (engine.getHandshakeStatus()) {
          case NEED_TASK -> {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
              task.run();
            }
          }
          case NEED_WRAP -> {
            netOut.clear();
            SSLEngineResult r = engine.wrap(EMPTY, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
              return CompletableFuture.failedFuture(new SSLException("TLS handshake wrap: " + r.getStatus()));
            }
            netOut.flip();
            ByteBuffer copy = ByteBuffer.allocate(netOut.remaining()).put(netOut).flip();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
              return writeFully(copy).thenCompose(v -> CompletableFuture.failedFuture(new SSLException("TLS closed during the handshake")));
            }
            return writeFully(copy).thenCompose(v -> handshake());
          }
          case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
            netIn.flip();
            appIn.clear();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            appIn.flip();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
              return fillNetIn().thenCompose(n -> n < 0
                  ? CompletableFuture.failedFuture(new SSLException("connection closed during the TLS handshake"))
                  : handshake());
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
              return CompletableFuture.failedFuture(new SSLException("TLS closed during the handshake"));
            }
          }
          default -> {
            return CompletableFuture.completedFuture(null); // FINISHED or NOT_HANDSHAKING
          }
        }
      }
    } catch (SSLException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Integer> fillNetIn() {
    if (!netIn.hasRemaining()) {
      // A TLS record larger than the session said: grow once, within reason.
      if (netIn.capacity() >= 1 << 20) {
        return CompletableFuture.failedFuture(new SSLException("TLS record too large"));
      }
      ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
      netIn.flip();
      bigger.put(netIn);
      netIn = bigger;
    }
    return readRaw(netIn);
  }

  private CompletableFuture<Integer> readRaw(ByteBuffer into) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    try {
      channel.read(into, null, handler(done, n -> n));
    } catch (RuntimeException e) {
      done.completeExceptionally(closed.get() ? new ClosedChannelException() : e);
    }
    return done;
  }

  private CompletableFuture<Void> writeFully(ByteBuffer data) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    writeSome(data, done);
    return done;
  }

  private void writeSome(ByteBuffer data, CompletableFuture<Void> done) {
    try {
      channel.write(data, null, new CompletionHandler<Integer, Void>() {
        @Override
        public void completed(Integer n, Void a) {
          if (data.hasRemaining()) {
            writeSome(data, done);
          } else {
            done.complete(null);
          }
        }

        @Override
        public void failed(Throwable t, Void a) {
          done.completeExceptionally(t);
        }
      });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private static <V, T> CompletionHandler<V, Void> handler(CompletableFuture<T> done, java.util.function.Function<V, T> map) {
    return new CompletionHandler<>() {
      @Override
      public void completed(V v, Void a) {
        done.complete(map.apply(v));
      }

      @Override
      public void failed(Throwable t, Void a) {
        done.completeExceptionally(t);
      }
    };
  }

  /** Closes the socket; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }

  /** Whether {@link #close()} has been called. */
  boolean isClosed() {
    return closed.get();
  }
}
