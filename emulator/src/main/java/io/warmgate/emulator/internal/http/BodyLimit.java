package io.warmgate.emulator.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.CharsetUtil;
import io.warmgate.emulator.internal.engine.ApiException;

/**
 * Aggregates a request up to the body limit. A larger one, whether announced by its {@code Content-Length} with
 * {@code Expect: 100-continue} or found while reading, gets a well-formed 413 error document of the service its
 * headers name (Netty's own answers have no body), and the connection is closed, since its body is not read.
 */
final class BodyLimit extends HttpObjectAggregator {
  private final ApiRouter router;

  BodyLimit(int maxContentLength, ApiRouter router) {
    // Close after refusing an expectation: the client may send the body anyway, and nothing reads it.
    super(maxContentLength, true);
    this.router = router;
  }

  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
    if (answer instanceof FullHttpResponse refused
        && refused.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
      refused.release();
      return tooLarge(start);
    }
    return answer;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ctx.writeAndFlush(tooLarge(oversized)).addListener(ChannelFutureListener.CLOSE);
  }

  private FullHttpResponse tooLarge(HttpMessage request) {
    ApiRouter.Answer answer = router.refuse(request.headers().get("X-Amz-Target"),
        request.headers().get(HttpHeaderNames.AUTHORIZATION), new ApiException(413, "RequestEntityTooLarge",
            "The request body is larger than the emulator's limit of " + maxContentLength() + " bytes"));
    ByteBuf content = Unpooled.copiedBuffer(answer.body(), CharsetUtil.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    HttpUtil.setContentLength(response, content.readableBytes());
    HttpUtil.setKeepAlive(response, false);
    return response;
  }
}
