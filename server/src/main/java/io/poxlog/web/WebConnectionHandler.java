package io.poxlog.web;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one connection, in order: checks {@code Host}, finds the mounted handler,
 * hands it the request, and writes its answer, one request at a time (HTTP/1.1 answers in the
 * order asked; the connection is not read while one is being answered, and requests a client
 * sent ahead wait here, at most {@link WebLimits#MAX_PIPELINED}). Malformed HTTP is answered 400
 * and the connection closed; nothing here touches another connection. I/O thread only.
 */
final class WebConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("web.webcore");

    private final MountTable mounts;
    private final ServedNames names;
    private final CrossOrigin cors;
    private final WebLimits limits;
    private final boolean tls;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>(); // FullHttpRequests, or a last refusal
    private ChannelHandlerContext ctx;
    private RequestTimer timer;
    private WebExchange current;
    private FullHttpRequest currentRaw;
    private boolean refusing;
    /** The current request's Origin when it is one of --allowed_origins: its answer carries CORS headers. */
    private String corsOrigin;

    WebConnectionHandler(MountTable mounts, ServedNames names, CrossOrigin cors, WebLimits limits, boolean tls) {
        this.mounts = mounts;
        this.names = names;
        this.cors = cors;
        this.limits = limits;
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timer = ctx.pipeline().get(RequestTimer.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (refusing) {
            req.release();
        } else if (current != null || currentRaw != null) {
            if (waiting.size() >= WebLimits.MAX_PIPELINED) {
                req.release();
                refusing = true;
                waiting.add(WebResponse.error(429, "more than " + WebLimits.MAX_PIPELINED + " requests sent ahead "
                        + "of their answers, this server's limit").closing());
            } else {
                waiting.add(req);
            }
        } else {
            start(req);
        }
    }

    private void start(FullHttpRequest req) {
        timer.handling();
        ctx.channel().config().setAutoRead(false);
        currentRaw = req;
        corsOrigin = null;
        if (req.decoderResult().isFailure()) {
            direct(malformed(req.decoderResult().cause()).closing());
            return;
        }
        if (req.protocolVersion().majorVersion() != 1) {
            direct(WebResponse.error(505, "this server speaks HTTP/1.1 and 1.0, not "
                    + ServedNames.shorten(req.protocolVersion().text())).closing());
            return;
        }
        String uri = req.uri();
        String path;
        String query = "";
        if (uri.startsWith("/")) {
            int q = uri.indexOf('?');
            path = q < 0 ? uri : uri.substring(0, q);
            query = q < 0 ? "" : uri.substring(q + 1);
        } else if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                URI u = new URI(uri);
                path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                query = u.getRawQuery() == null ? "" : u.getRawQuery();
            } catch (URISyntaxException e) {
                direct(WebResponse.error(400, "malformed request target '" + ServedNames.shorten(uri) + "'").closing());
                return;
            }
        } else {
            direct(WebResponse.error(400, "the request target must be a path, not '" + ServedNames.shorten(uri) + "'")
                    .closing());
            return;
        }
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        String hostProblem = names.hostProblem(host);
        if (hostProblem != null) {
            // 421: this server is not the one the request meant; the page that sent it learns nothing.
            WebResponse refusal = WebResponse.error(host == null || ServedNames.hostName(host) == null ? 400 : 421,
                    hostProblem);
            direct(refusal.status() == 400 ? refusal.closing() : refusal);
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        corsOrigin = cors.allowed(origin) ? origin : null;
        MountTable.Match match = mounts.find(path);
        if (match == null) {
            direct(WebResponse.error(404, "nothing is served at " + ServedNames.shorten(path)));
            return;
        }
        if (CrossOrigin.isPreflight(req.method(), req.headers())) {
            // granted or refused here, for every handler: none sees a preflight
            direct(cors.preflight(origin));
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders().set(req.headers());
        WebRequest request = new WebRequest(req.method().name(), path, query, headers,
                ByteBufUtil.getBytes(req.content()), (InetSocketAddress) ctx.channel().remoteAddress(), tls);
        WebExchange exchange = new WebExchange(request, match.prefix(), match.subpath(), ctx.channel(), this, names,
                limits.maxHold());
        current = exchange;
        try {
            match.handler().handle(exchange);
        } catch (Throwable t) { // even an Error: one request's failure must not end the connection's I/O thread
            handlerFailed(exchange, t);
            exchange.respond(WebResponse.error(500, "internal error in the handler of " + match.prefix()
                    + "; the server's log has it"));
        }
        if (!exchange.answered() && !exchange.wasHeld()) {
            exchange.hold(limits.maxHold(), () -> WebResponse.error(503, "no answer within "
                    + limits.maxHold().toSeconds() + " s, the limit for a held request (max_hold)"));
        }
        if (!exchange.answered() && waiting.isEmpty()) {
            // One read, not reading on: it shows a client that went away (so the handler can let
            // its request go), and holds at most what one read brings, never a stream of requests.
            ctx.read();
        }
    }

    void handlerFailed(WebExchange exchange, Throwable t) {
        log.warn("The handler of {} failed on {}: {}", exchange.mountedAt(), exchange, t.toString(), t);
    }

    private WebResponse malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return WebResponse.error(414, "the request line is longer than " + limits.maxHeaderBytes()
                    + " bytes, this server's limit (max_header_bytes)");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return WebResponse.error(431, "the request's headers are larger than " + limits.maxHeaderBytes()
                    + " bytes, this server's limit (max_header_bytes)");
        }
        return WebResponse.error(400, "malformed HTTP request: " + ServedNames.shorten(String.valueOf(cause.getMessage())));
    }

    /** An answer of the server's own, not a handler's. */
    private void direct(WebResponse r) {
        write(r);
    }

    /** A handler's answer: from {@link WebExchange#respond}, on the I/O thread. */
    void answer(WebExchange exchange, WebResponse r) {
        if (exchange != current || !ctx.channel().isActive()) {
            exchange.written(false);
            return;
        }
        exchange.cancelHold();
        write(r, exchange);
    }

    private void write(WebResponse r) {
        write(r, null);
    }

    /** {@code exchange}: the handler's request being answered, told how the write went; null for the server's own. */
    private void write(WebResponse given, WebExchange exchange) {
        FullHttpRequest req = currentRaw;
        WebResponse r = corsOrigin == null || given.headers().containsKey("Access-Control-Allow-Origin") ? given
                : cors.answer(given, corsOrigin);
        // Answered in the version asked when it is 1.0 or 1.1; anything else (a malformed request's) in 1.1.
        HttpVersion version = req.decoderResult().isSuccess() && req.protocolVersion().equals(HttpVersion.HTTP_1_0)
                ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        boolean keepAlive = !r.closesConnection() && req.decoderResult().isSuccess() && HttpUtil.isKeepAlive(req);
        boolean head = HttpMethod.HEAD.equals(req.method());
        ChannelFuture done;
        if (r.file() != null) {
            FileChannel file;
            try {
                file = FileChannel.open(r.file());
            } catch (IOException e) {
                write(WebResponse.error(404, "cannot read that file"), exchange);
                return;
            }
            ctx.write(Responses.head(r, version, keepAlive));
            if (head) {
                closeQuietly(file);
                done = ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                try {
                    done = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(file)));
                } catch (IOException e) {
                    closeQuietly(file);
                    ctx.close();
                    if (exchange != null) {
                        exchange.written(false);
                    }
                    return;
                }
            }
        } else {
            done = ctx.writeAndFlush(Responses.full(r, version, head, keepAlive));
        }
        current = null;
        currentRaw = null;
        req.release();
        done.addListener(f -> {
            if (exchange != null) {
                exchange.written(f.isSuccess());
            }
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
            } else {
                next();
            }
        });
    }

    private void next() {
        Object n = waiting.poll();
        if (n instanceof FullHttpRequest req) {
            start(req);
        } else if (n instanceof WebResponse refusal) {
            ctx.writeAndFlush(Responses.full(refusal, HttpVersion.HTTP_1_1, false, false))
                    .addListener(f -> ctx.close());
        } else {
            timer.idle();
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    /** From {@link WebExchange#takeOver}, within the handler's call, on the I/O thread. */
    void takeOver(WebExchange exchange, WebTakeover takeover) {
        FullHttpRequest req = currentRaw;
        current = null;
        currentRaw = null;
        drainWaiting();
        // After the handler returns to us: it may still be using this handler's context.
        ctx.executor().execute(() -> {
            ctx.pipeline().remove(timer);
            if (ctx.pipeline().get(ChunkedWriteHandler.class) != null) {
                ctx.pipeline().remove(ChunkedWriteHandler.class);
            }
            ctx.pipeline().remove(this);
            try {
                takeover.takeOver(ctx.channel(), req);
            } catch (Throwable t) {
                handlerFailed(exchange, t);
                ctx.channel().close();
                return;
            }
            ctx.channel().config().setAutoRead(true);
            ctx.channel().read();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            WebExchange e = current;
            current = null;
            e.abandon();
        }
        if (currentRaw != null) {
            currentRaw.release();
            currentRaw = null;
        }
        drainWaiting();
        super.channelInactive(ctx);
    }

    private void drainWaiting() {
        for (Object o : waiting) {
            ReferenceCountUtil.release(o);
        }
        waiting.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.debug("Closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static void closeQuietly(FileChannel f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // read-only: nothing was lost
        }
    }
}
