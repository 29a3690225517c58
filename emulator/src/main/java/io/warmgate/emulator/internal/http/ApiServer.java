package io.warmgate.emulator.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.iam.Authorizer;
import io.warmgate.emulator.internal.iam.RequestResources;
import io.warmgate.emulator.internal.engine.EventRules;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Auto Scaling and EC2 APIs on one loopback HTTP port. A request goes to the service
 * its {@code Version} names (2011-01-01 or 2016-11-15), else to the service in its SigV4
 * credential scope, else to whichever service knows the action. Signatures are not checked, but
 * a request whose credential scope names an access key bound to an IAM policy is authorized
 * against it before it reaches the service.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** The largest request body accepted; a larger one gets a 413 AWS error. */
  static final int MAX_BODY = 4 * 1024 * 1024;
  /** The call count under which requests for actions no service knows are counted. */
  static final String UNKNOWN = "(unknown)";
  private static final Pattern SCOPE = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([a-z0-9-]+)/aws4_request");

  private final Engine engine;
  private final AutoScalingApi autoScaling;
  private final Ec2Api ec2;
  private final Authorizer authorizer;
  private final RequestResources resources;
  private final List<String> denials = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final EventBridgeApi eventBridge;
  private final Supplier<EmulatorFaults> faults;
  private final Random random;
  private final EventLoopGroup loop;
  private final Channel channel;
  /** Kinds of unexpected failure already logged with their stack trace; later ones get one line. */
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();

  /**
   * Binds 127.0.0.1 on the given port (0 for any free port). A connection that delivers no
   * complete request for {@code idleTimeout} (real time) is closed.
   */
  public ApiServer(Engine engine, int port, int threads, Supplier<EmulatorFaults> faults, long seed,
      Duration idleTimeout, Authorizer authorizer) throws InterruptedException {
    this.engine = engine;
    this.authorizer = authorizer;
    this.resources = new RequestResources(engine.region, engine.accountId, new RequestResources.Directory() {
      @Override
      public String groupArn(String groupName) {
        synchronized (engine) {
          Group g = engine.findGroup(groupName);
          return g == null ? null : g.arn;
        }
      }

      @Override
      public String groupOfInstance(String instanceId) {
        synchronized (engine) {
          SimInstance i = engine.instance(instanceId);
          return i == null || i.group() == null ? null : i.group().name;
        }
      }
    });
    this.autoScaling = new AutoScalingApi(engine);
    this.ec2 = new Ec2Api(engine);
    this.eventBridge = new EventBridgeApi(new EventRules(engine.region, engine.accountId));
    this.faults = faults;
    this.random = new Random(seed ^ 0x5DEECE66DL);
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
                  .addLast(new BodyLimit(MAX_BODY))
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

  /** Returns every IAM denial so far, {@code CODE: message}, oldest first. */
  public List<String> denials() {
    return List.copyOf(denials);
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

  /** The answer to one request: status, body and which error shape it used. */
  record Answer(int status, String body, String contentType) {
    Answer(int status, String body) {
      this(status, body, "text/xml;charset=UTF-8");
    }
  }

  /** Handles one decoded request; never throws. */
  Answer answer(Map<String, String> params, String authorization) {
    String requestId = UUID.randomUUID().toString();
    String action = params.get("Action");
    String version = params.get("Version");
    boolean isEc2;
    if (Ec2Api.VERSION.equals(version)) {
      isEc2 = true;
    } else if (AutoScalingApi.VERSION.equals(version)) {
      isEc2 = false;
    } else {
      String service = scope(authorization, 3);
      if ("ec2".equals(service)) {
        isEc2 = true;
      } else if ("autoscaling".equals(service)) {
        isEc2 = false;
      } else {
        isEc2 = action != null && ec2.actions().contains(action);
      }
    }
    try {
      if (action == null || action.isEmpty()) {
        throw new ApiException(400, "MissingAction", "The request must contain the parameter Action");
      }
      if (version != null && !Ec2Api.VERSION.equals(version) && !AutoScalingApi.VERSION.equals(version)) {
        throw new ApiException(400, "NoSuchVersion", "The requested version (" + Check.echo(version)
            + ") of service " + (isEc2 ? "AmazonEC2" : "AutoScaling") + " does not exist");
      }
      // Unknown names share one counter: a client must not grow the table with names it makes up.
      engine.countCall(autoScaling.actions().contains(action) || ec2.actions().contains(action) ? action : UNKNOWN);
      authorize(isEc2, action, params, authorization);
      EmulatorFaults f = faults.get();
      double roll;
      synchronized (random) {
        roll = random.nextDouble();
      }
      if (roll < f.throttleRate()) {
        throw isEc2 ? new ApiException(503, "RequestLimitExceeded", "Request limit exceeded.")
            : new ApiException(400, "Throttling", "Rate exceeded");
      }
      if (roll < f.throttleRate() + f.serverErrorRate()) {
        throw isEc2 ? new ApiException(500, "InternalError", "An internal error has occurred. (injected fault)")
            : new ApiException(500, "InternalFailure", "An internal error has occurred. (injected fault)");
      }
      Params p = new Params(params, isEc2);
      String body = isEc2 ? ec2.handle(action, p, requestId) : autoScaling.handle(action, p, requestId);
      return new Answer(200, body);
    } catch (ApiException e) {
      return new Answer(e.status(), isEc2 ? Ec2Api.error(e, requestId) : AutoScalingApi.error(e, requestId));
    } catch (RuntimeException e) {
      // A bug, not the client's fault: its first stack trace is enough, repeats would flood the log.
      if (loggedFailures.size() < 100 && loggedFailures.add(action + " " + e.getClass().getName())) {
        LOG.error("internal error handling {}", Check.echo(action), e);
      } else {
        LOG.error("internal error handling {}: {}", Check.echo(action), e.toString());
      }
      ApiException internal = new ApiException(500, isEc2 ? "InternalError" : "InternalFailure",
          "An internal error has occurred: " + e.getClass().getSimpleName());
      return new Answer(500, isEc2 ? Ec2Api.error(internal, requestId) : AutoScalingApi.error(internal, requestId));
    }
  }

  /** Handles one EventBridge (JSON 1.1) request, named by its {@code X-Amz-Target}; never throws. */
  Answer answerJson(String target, String body, String authorization) {
    String action = target.substring(EventBridgeApi.TARGET_PREFIX.length());
    try {
      engine.countCall(action);
      authorizeEvents(action, body, authorization);
      EmulatorFaults f = faults.get();
      double roll;
      synchronized (random) {
        roll = random.nextDouble();
      }
      if (roll < f.throttleRate()) {
        throw new ApiException(400, "ThrottlingException", "Rate exceeded");
      }
      if (roll < f.throttleRate() + f.serverErrorRate()) {
        throw new ApiException(500, "InternalException", "An internal error has occurred. (injected fault)");
      }
      return new Answer(200, eventBridge.handle(action, body), EventBridgeApi.CONTENT_TYPE);
    } catch (ApiException e) {
      return new Answer(e.status(), EventBridgeApi.error(e), EventBridgeApi.CONTENT_TYPE);
    } catch (RuntimeException e) {
      LOG.error("internal error handling {}", action, e);
      return new Answer(500, EventBridgeApi.error(new ApiException(500, "InternalException",
          "An internal error has occurred: " + e.getClass().getSimpleName())), EventBridgeApi.CONTENT_TYPE);
    }
  }

  /**
   * Refuses an EventBridge request its access key's policy does not allow. EventBridge answers a denial with
   * HTTP 400 and {@code AccessDeniedException}, with the same message shape as the other services.
   */
  private void authorizeEvents(String action, String body, String authorization) {
    String accessKey = scope(authorization, 1);
    if (!authorizer.restricts(accessKey)) {
      return;
    }
    String region = scope(authorization, 2);
    authorizer.authorize(accessKey, "events:" + action, List.of(eventBridge.resource(action, body)),
            Map.of("aws:RequestedRegion", region != null ? region : engine.region))
        .ifPresent(denial -> {
          denials.add("AccessDeniedException: " + denial.message());
          throw new ApiException(400, "AccessDeniedException", denial.message());
        });
  }

  /** Refuses the request if its access key is bound to a policy that does not allow it. */
  private void authorize(boolean isEc2, String action, Map<String, String> params, String authorization) {
    String accessKey = scope(authorization, 1);
    if (!authorizer.restricts(accessKey)) {
      return;
    }
    String region = scope(authorization, 2);
    authorizer.authorize(accessKey, (isEc2 ? "ec2:" : "autoscaling:") + action, resources.of(isEc2, action, params),
            Map.of("aws:RequestedRegion", region != null ? region : engine.region))
        .ifPresent(denial -> {
          denials.add(denial.code() + ": " + denial.message());
          throw new ApiException(403, denial.code(), denial.message());
        });
  }

  /** Part of the SigV4 credential scope: 1 access key, 2 region, 3 service; null if unsigned. */
  private static String scope(String authorization, int part) {
    if (authorization == null) {
      return null;
    }
    Matcher m = SCOPE.matcher(authorization);
    return m.find() ? m.group(part) : null;
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
      Answer answer;
      Map<String, String> params = null;
      if (request.decoderResult().isSuccess()) {
        try {
          params = decode(request);
        } catch (IllegalArgumentException malformed) {
          params = null;
        }
      }
      // After a decoding failure the codec discards the rest of the connection's input: answer
      // and close, or a keep-alive client would wait forever for its next response.
      boolean keepAlive = request.decoderResult().isSuccess() && HttpUtil.isKeepAlive(request);
      String target = request.headers().get("X-Amz-Target");
      if (request.decoderResult().isSuccess() && target != null && target.startsWith(EventBridgeApi.TARGET_PREFIX)) {
        answer = answerJson(target, request.content().toString(CharsetUtil.UTF_8),
            request.headers().get(HttpHeaderNames.AUTHORIZATION));
      } else if (params == null) {
        answer = new Answer(400, AutoScalingApi.error(new ApiException(400, "MalformedQueryString",
            "The request could not be parsed as a form-encoded query"), UUID.randomUUID().toString()));
      } else {
        answer = answer(params, request.headers().get(HttpHeaderNames.AUTHORIZATION));
      }
      ByteBuf content = Unpooled.copiedBuffer(answer.body(), CharsetUtil.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(answer.status()), content);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
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

  /**
   * Aggregates a request up to the body limit; a larger one gets a well-formed 413 AWS error
   * (Netty's own answer has no body) and the connection is closed, since its body is not read.
   */
  private static final class BodyLimit extends HttpObjectAggregator {
    BodyLimit(int maxContentLength) {
      super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      String body = AutoScalingApi.error(new ApiException(413, "RequestEntityTooLarge",
          "The request body is larger than the emulator's limit of " + MAX_BODY + " bytes"),
          UUID.randomUUID().toString());
      ByteBuf content = Unpooled.copiedBuffer(body, CharsetUtil.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, content);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml;charset=UTF-8");
      HttpUtil.setContentLength(response, content.readableBytes());
      HttpUtil.setKeepAlive(response, false);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Closes a connection that has not delivered a complete request within the timeout of opening
   * or of its previous request. A read timeout alone would not do: a slowloris client sends one
   * byte at a time and is never idle.
   */
  private static final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;

    RequestDeadline(long timeoutNanos) {
      this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      arm(ctx);
      super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      arm(ctx);
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      disarm();
      super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
      disarm();
      deadline = ctx.executor().schedule(() -> {
        LOG.debug("closing API connection {}: no complete request in time", ctx.channel().remoteAddress());
        ctx.close();
      }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }
  }
}
