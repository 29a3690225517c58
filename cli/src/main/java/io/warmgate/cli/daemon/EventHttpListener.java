package io.warmgate.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Accepts EventBridge-shaped lifecycle events as JSON POSTs (from the emulator's event targets, an
 * EventBridge API destination or a relay) and hands each one to a consumer.
 *
 * <p>Answers 202 once the event is handed over, 400 for a body that is not a JSON object, 401 without
 * the shared secret (when one is set), 405 for other methods, 413 above 256 KiB and 503 when the
 * handlers are all busy. Every answer closes the connection.
 *
 * <p>Hostile clients are bounded: sockets are served by a non-blocking event loop, so a client that sends
 * half a request holds no thread; a request must arrive whole within the request timeout (a trickling
 * client is cut off too) and a connection idle for the read timeout is closed; at most {@value
 * #MAX_CONNECTIONS} connections are open at once; the consumer runs on {@value #HANDLERS} threads with a
 * short queue. Listening beyond loopback requires a shared secret, sent by the client in the {@value
 * #SECRET_HEADER} header (an EventBridge connection with API-key authorization sends it). Thread-safe.
 */
public final class EventHttpListener implements AutoCloseable {

  /** The largest body accepted; EventBridge events are at most 256 KB. */
  static final int MAX_BODY = 256 * 1024;
  /** The header that carries the shared secret. */
  public static final String SECRET_HEADER = "X-Warmgate-Secret";
  /** How long a client may take to send a whole request. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_CONNECTIONS = 256;
  static final int HANDLERS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventLoopGroup loop;
  private final Channel channel;
  private final ThreadPoolExecutor handlers;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * Starts listening with the default request timeout.
   *
   * @param address where to bind (e.g. 127.0.0.1:9876; port 0 picks a free one)
   * @param secret the shared secret clients must send in {@value #SECRET_HEADER}; required unless the
   *     address is loopback
   * @param consumer receives each accepted event's JSON text; it may block briefly
   * @throws IllegalArgumentException if the address is not loopback and no secret is given, or the secret
   *     is blank
   * @throws UncheckedIOException if the address cannot be bound
   */
  public EventHttpListener(InetSocketAddress address, Optional<String> secret, Consumer<String> consumer) {
    this(address, secret, consumer, REQUEST_TIMEOUT);
  }

  /** As {@link #EventHttpListener(InetSocketAddress, Optional, Consumer)}, with a request timeout (tests). */
  EventHttpListener(InetSocketAddress address, Optional<String> secret, Consumer<String> consumer, Duration requestTimeout) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (secret.isPresent() && secret.get().isBlank()) {
      throw new IllegalArgumentException("the event listener's shared secret must not be blank");
    }
    boolean loopback = address.getAddress() != null && address.getAddress().isLoopbackAddress();
    if (!loopback && secret.isEmpty()) {
      throw new IllegalArgumentException("listening for events on " + address.getHostString() + ":" + address.getPort()
          + " (beyond loopback) needs a shared secret: set WARMGATE_EVENT_SECRET");
    }
    byte[] expected = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    AtomicInteger n = new AtomicInteger();
    handlers = new ThreadPoolExecutor(HANDLERS, HANDLERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
      Thread t = new Thread(r, "event-handler-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    long timeoutMillis = requestTimeout.toMillis();
    try {
      channel = new ServerBootstrap()
          .group(loop)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              if (open.incrementAndGet() > MAX_CONNECTIONS) {
                open.decrementAndGet();
                ch.close();
                return;
              }
              ch.closeFuture().addListener(f -> open.decrementAndGet());
              // The whole exchange, trickling clients included, must end within the request timeout.
              ch.eventLoop().schedule(() -> {
                ch.close();
              }, timeoutMillis, TimeUnit.MILLISECONDS);
              ch.pipeline()
                  .addLast(new ReadTimeoutHandler(timeoutMillis, TimeUnit.MILLISECONDS))
                  .addLast(new HttpServerCodec(4096, 8192, 8192))
                  .addLast(new HttpObjectAggregator(MAX_BODY))
                  .addLast(new Handler(expected, consumer));
            }
          })
          .bind(address).sync().channel();
    } catch (Exception e) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      handlers.shutdownNow();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      IOException io = e instanceof IOException i ? i : new IOException(e.getMessage(), e);
      throw new UncheckedIOException(
          "cannot listen for events on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), io);
    }
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final byte[] expected;
    private final Consumer<String> consumer;

    Handler(byte[] expected, Consumer<String> consumer) {
      this.expected = expected;
      this.consumer = consumer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (!request.decoderResult().isSuccess()) {
        reply(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":\"malformed HTTP request\"}");
        return;
      }
      if (!HttpMethod.POST.equals(request.method())) {
        reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"error\":\"POST an EventBridge lifecycle event as JSON\"}");
        return;
      }
      if (expected != null) {
        String sent = request.headers().get(SECRET_HEADER);
        if (sent == null || !MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.UTF_8))) {
          reply(ctx, HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"missing or wrong " + SECRET_HEADER + "\"}");
          return;
        }
      }
      String text = request.content().toString(StandardCharsets.UTF_8);
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (IOException e) {
        reply(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":\"body is not JSON\"}");
        return;
      }
      if (node == null || !node.isObject()) {
        reply(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":\"body is not a JSON object\"}");
        return;
      }
      try {
        // The consumer may call AWS (is the group managed?): never on the event loop.
        handlers.execute(() -> {
          try {
            consumer.accept(text);
            reply(ctx, HttpResponseStatus.ACCEPTED, "{\"accepted\":true}");
          } catch (RuntimeException e) {
            // A failure handling one event must answer the sender (who may retry), not reset its connection.
            reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"error\":\"event not handled\"}");
          }
        });
      } catch (RejectedExecutionException e) {
        reply(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"error\":\"busy, retry later\"}");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // read timeouts, resets, codec errors: nothing to answer
    }
  }

  private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String json) {
    ByteBuf content = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
      response.headers().set(HttpHeaderNames.ALLOW, "POST");
    }
    HttpUtil.setContentLength(response, content.readableBytes());
    HttpUtil.setKeepAlive(response, false);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** Stops accepting events; handlers in flight get a second to finish. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    handlers.shutdown();
    try {
      handlers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
