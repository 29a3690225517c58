package io.warmgate.emulator.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
import java.util.UUID;

/**
 * Aggregates a request up to the body limit; a larger one gets a well-formed 413 AWS error
 * (Netty's own answer has no body) and the connection is closed, since its body is not read.
 */
final class BodyLimit extends HttpObjectAggregator {
  BodyLimit(int maxContentLength) {
    super(maxContentLength);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    String body = AutoScalingApi.error(new ApiException(413, "RequestEntityTooLarge",
        "The request body is larger than the emulator's limit of " + maxContentLength() + " bytes"),
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
