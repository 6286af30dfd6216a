package io.poxlog.web;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator (a request and its body as one message, the body bounded), answering a body
 * over the limit with this server's JSON error, 413, and closing: the rest of that body is not
 * worth reading.
 */
final class LimitedAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    LimitedAggregator(int maxBodyBytes) {
        super(maxBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
    }

    private FullHttpResponse tooLarge() {
        return Responses.refusal(413, "the request's body is larger than " + maxBodyBytes
                + " bytes, this server's limit (max_body_bytes)");
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object r = super.newContinueResponse(start, maxContentLength, pipeline);
        if (r instanceof FullHttpResponse f && f.status().code() == 413) {
            ReferenceCountUtil.release(f);
            return tooLarge();
        }
        return r;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest) {
            ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
        } else {
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
