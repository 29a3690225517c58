package io.warmgate.emulator.internal.http;

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
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.iam.Authorizer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the emulated AWS APIs (the {@link ServiceRegistry}'s services) on one loopback HTTP port: the HTTP side only
 * (decoding, limits, latency, the response). Which service answers, IAM and injected faults are the
 * {@link ApiRouter}'s.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** The largest request body accepted; a larger one gets a 413 AWS error. */
  static final int MAX_BODY = 4 * 1024 * 1024;
  private final Engine engine;
  private final Supplier<EmulatorFaults> faults;
  private final ApiRouter router;
  private final EventLoopGroup loop;
  private final Channel channel;

  /**
   * Binds 127.0.0.1 on the given port (0 for any free port). A connection that delivers no
   * complete request for {@code idleTimeout} (real time) is closed.
   */
  public ApiServer(Engine engine, int port, int threads, Supplier<EmulatorFaults> faults, long seed,
      Duration idleTimeout, Authorizer authorizer) throws InterruptedException {
    this.engine = engine;
    this.faults = faults;
    this.router = new ApiRouter(engine, faults, seed, authorizer);
    this.loop = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    try {
      this.channel = new ServerBootstrap()
          .group(loop)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast(new HttpServerCodec())
                  .addLast(new HttpServerKeepAliveHandler())
                  .addLast(new BodyLimit(MAX_BODY, router))
                  .addLast(new RequestDeadline(idleTimeout.toNanos()))
                  .addLast(new Handler());
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    } catch (Exception e) {
      // Netty throws the bind failure (an IOException) without declaring it.
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (e instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (e instanceof java.io.IOException io) {
        throw new java.io.UncheckedIOException("cannot bind 127.0.0.1:" + port, io);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** How many answers were injected faults: {@code throttled}, {@code serverErrors}. */
  public Map<String, Long> injectedFaults() {
    return router.injectedFaults();
  }

  /** Returns the emulated SQS queues. */
  public io.warmgate.emulator.internal.sqs.Queues queues() {
    return router.queues();
  }

  /** Returns every IAM denial so far, {@code CODE: message}, oldest first. */
  public List<String> denials() {
    return router.denials();
  }

  /** Returns the bound port. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  static Map<String, String> decode(FullHttpRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    put(params, uri.parameters());
    if (request.method().equals(HttpMethod.POST) && request.content().isReadable()) {
      String body = request.content().toString(CharsetUtil.UTF_8);
      put(params, new QueryStringDecoder(body, CharsetUtil.UTF_8, false, 100_000).parameters());
    }
    return params;
  }

  private static void put(Map<String, String> params, Map<String, List<String>> decoded) {
    decoded.forEach((k, v) -> {
      if (!v.isEmpty()) {
        params.put(k, v.get(0));
      }
    });
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      // After a decoding failure the codec discards the rest of the connection's input: answer
      // and close, or a keep-alive client would wait forever for its next response.
      boolean keepAlive = request.decoderResult().isSuccess() && HttpUtil.isKeepAlive(request);
      String target = request.headers().get("X-Amz-Target");
      String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
      if (!request.decoderResult().isSuccess()) {
        respond(ctx, router.refuse(target, authorization, new ApiException(400, "MalformedQueryString",
            "The request could not be parsed as a form-encoded query")), keepAlive);
        return;
      }
      // A long poll (SQS) answers later; Netty hands a write from another thread to the channel's event loop.
      router.answer(target, () -> {
        try {
          return decode(request);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }, request.content().toString(CharsetUtil.UTF_8), authorization, request.headers().get(HttpHeaderNames.HOST))
          .thenAccept(answer -> respond(ctx, answer, keepAlive));
    }

    private void respond(ChannelHandlerContext ctx, ApiRouter.Answer answer, boolean keepAlive) {
      ByteBuf content = Unpooled.copiedBuffer(answer.body(), CharsetUtil.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(answer.status()), content);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
      answer.headers().forEach(response.headers()::set);
      if (answer.status() == 200) {
        // The emulator's (accelerated) time, as AWS dates its answers, so callers can read "now" from it. Not on
        // errors: the SDK takes a skewed Date on a 4xx for clock skew, and would retry a denied call.
        response.headers().set(HttpHeaderNames.DATE, DateFormatter.format(java.util.Date.from(engine.clock.now())));
      }
      HttpUtil.setContentLength(response, content.readableBytes());
      HttpUtil.setKeepAlive(response, keepAlive);
      long latencyMs = faults.get().latency().toMillis();
      if (latencyMs > 0) {
        ctx.executor().schedule(() -> write(ctx, response, keepAlive), latencyMs, TimeUnit.MILLISECONDS);
      } else {
        write(ctx, response, keepAlive);
      }
    }

    private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
      if (keepAlive) {
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("API connection error", cause);
      ctx.close();
    }
  }

}
