package io.warmgate.emulator.internal.instance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.warmgate.emulator.internal.engine.HealthEndpoints;
import io.warmgate.emulator.internal.engine.SimInstance;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every simulated instance's HTTP health endpoint on its own loopback address, all on one
 * shared Netty event loop. Any path answers: 200 {@code ok} when the instance is healthy, 503
 * otherwise; before the OS is up (and while stopped) the port is closed.
 */
public final class HealthServers implements HealthEndpoints, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthServers.class);

  final EventLoopGroup loop;
  private final ChannelGroup all = new DefaultChannelGroup("health", GlobalEventExecutor.INSTANCE);
  private final Map<String, ChannelGroup> servers = new ConcurrentHashMap<>();
  private final Set<String> failures = ConcurrentHashMap.newKeySet();

  /** Creates the shared event loop with the given number of threads. */
  public HealthServers(int threads) {
    this.loop = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
  }

  @Override
  public void open(SimInstance instance) {
    bind(instance);
  }

  /** Opens the endpoint and returns its bind, which completes on the event loop. */
  ChannelFuture bind(SimInstance instance) {
    // The server channel and its connections close together when the instance stops.
    ChannelGroup channels = new DefaultChannelGroup(instance.id, GlobalEventExecutor.INSTANCE);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loop)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 64)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            all.add(ch);
            channels.add(ch);
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new HttpObjectAggregator(8192))
                .addLast(new Handler(instance));
          }
        });
    ChannelFuture bind = bootstrap.bind(new InetSocketAddress(instance.privateIp, instance.healthPort));
    Channel channel = bind.channel();
    channels.add(channel);
    ChannelGroup previous = servers.put(instance.id, channels);
    if (previous != null) {
      previous.close();
    }
    all.add(channel);
    bind.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        if (servers.get(instance.id) != channels) {
          // Closed (the instance stopped) or replaced before the bind finished: not a port conflict.
          return;
        }
        failures.add(instance.id);
        LOG.warn("health endpoint of {} could not bind {}:{}: {}", instance.id, instance.privateIp,
            instance.healthPort, f.cause().toString());
      } else {
        failures.remove(instance.id);
      }
    });
    return bind;
  }

  @Override
  public void close(SimInstance instance) {
    ChannelGroup channels = servers.remove(instance.id);
    if (channels != null) {
      channels.close();
    }
  }

  @Override
  public boolean failed(SimInstance instance) {
    return failures.contains(instance.id);
  }

  /** Returns how many health endpoints are bound now. */
  public int openCount() {
    return servers.size();
  }

  @Override
  public void close() {
    all.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Answers one instance's health requests from its current flags. */
  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final SimInstance instance;

    Handler(SimInstance instance) {
      this.instance = instance;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean healthy = instance.healthy();
      String body;
      if (healthy) {
        body = "ok\n";
      } else if (instance.corrupted()) {
        body = "corrupted: first-boot setup was interrupted\n";
      } else {
        body = "starting\n";
      }
      ByteBuf content = Unpooled.copiedBuffer(body, CharsetUtil.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          healthy ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, content);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
      response.headers().set("X-Instance-Id", instance.id);
      HttpUtil.setContentLength(response, content.readableBytes());
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive((HttpRequest) request));
      ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
