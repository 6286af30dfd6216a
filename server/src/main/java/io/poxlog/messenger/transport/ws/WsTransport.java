package io.poxlog.messenger.transport.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.netty.ConnectionHandler;
import io.poxlog.web.WebExchange;
import io.poxlog.web.WebRequest;
import io.poxlog.web.WebResponse;
import io.poxlog.web.WebServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport (PROTOCOL.md §12, an extension: POX has none), mounted on a
 * {@link WebServer} at {@link #PATH}: checks the upgrade (method, headers, Origin, no token in
 * the URL, a token in {@code Authorization: Bearer}), takes the connection over from the HTTP server, answers the handshake with Netty's
 * handshaker, and from then on the connection is a messenger connection exactly as a TCP one is:
 * the shared {@link ConnectionHandler} gives it the welcome, the handshake and the limits.
 *
 * <p>{@link #mountOn} and {@link #stop} from any thread; the handler runs on the web server's
 * I/O threads.
 */
public final class WsTransport {
    static final String LOGGER = "messenger.ws_transport";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    public static final String PATH = "/_webmsg/ws";
    /**
     * The subprotocol (RFC 6455 §1.9) of a client that takes several messages per frame, each a
     * line (PROTOCOL.md §12): JSON Lines, as this project frames them. Named for the project, as
     * subprotocols of one server's own are, and for the format, whose lines it is.
     */
    public static final String LINES = "poxlog-jsonl";
    /** How much longer than a close's linger {@link #stop} waits for the connections to close. */
    static final long STOP_MARGIN_MS = 1000;

    private final Nexus nexus;
    private final WsSettings settings;
    private final Set<WsConnection> open = ConcurrentHashMap.newKeySet();
    private volatile WebServer server;

    public WsTransport(Nexus nexus, WsSettings settings) {
        this.nexus = nexus;
        this.settings = settings;
    }

    /** Mounts the transport at {@link #PATH}. */
    public WsTransport mountOn(WebServer web) {
        web.mount(PATH, this::handle);
        server = web;
        return this;
    }

    /** WebSockets open now. */
    public int openConnections() {
        return open.size();
    }

    /**
     * Unmounts, closes every WebSocket with 1001 (going away), and waits for them to close: until
     * each peer answers, at most {@link WsConnection#LINGER_MS} and a margin. Without the wait, a
     * web server stopped next (as the controller does) closed the sockets before the peers'
     * answers arrived, and a closing handshake cut short is what a browser reports as 1006.
     * Safe to call twice; from an I/O thread it does not wait.
     */
    public void stop() {
        WebServer s = server;
        server = null;
        if (s != null) {
            s.unmount(PATH);
        }
        List<WsConnection> closing = List.copyOf(open);
        for (WsConnection c : closing) {
            c.closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "the server is stopping");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WsConnection.LINGER_MS + STOP_MARGIN_MS);
        for (WsConnection c : closing) {
            long left = deadline - System.nanoTime();
            if (c.inEventLoop() || left <= 0) {
                continue;
            }
            c.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS);
        }
    }

    private void handle(WebExchange e) {
        WebRequest r = e.request();
        if (!e.subpath().isEmpty()) {
            e.respond(WebResponse.error(404, "no such path: the WebSocket transport is at " + PATH));
            return;
        }
        if (!r.method().equals("GET")) {
            e.respond(WebResponse.error(405, "the WebSocket transport takes GET with an upgrade, not " + r.method())
                    .withHeader("Allow", "GET"));
            return;
        }
        if (r.parameters().containsKey("token")) {
            e.respond(WebResponse.error(400, "a token is never taken from a URL (it would end up in logs): send it in "
                    + "Authorization: Bearer, or in the first message, {\"CHANNEL\": \"\", \"cmd\": \"auth\", \"token\": \"...\"}"));
            return;
        }
        String upgrade = r.header(HttpHeaderNames.UPGRADE.toString());
        if (upgrade == null || !upgrade.strip().equalsIgnoreCase("websocket")) {
            e.respond(WebResponse.error(426, PATH + " is a WebSocket: it needs an upgrade (Upgrade: websocket)")
                    .withHeader("Upgrade", "websocket"));
            return;
        }
        String connection = r.header(HttpHeaderNames.CONNECTION.toString());
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")
                || r.header(HttpHeaderNames.SEC_WEBSOCKET_KEY.toString()) == null) {
            e.respond(WebResponse.error(400, "a WebSocket upgrade needs Connection: Upgrade and Sec-WebSocket-Key"));
            return;
        }
        String version = r.header(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString());
        if (!"13".equals(version == null ? null : version.strip())) {
            e.respond(WebResponse.error(426, "WebSocket version 13 only, not " + (version == null ? "none" : version))
                    .withHeader("Sec-WebSocket-Version", "13"));
            return;
        }
        if (!e.checkOrigin()) {
            return;
        }
        String bearer = bearer(r.header(HttpHeaderNames.AUTHORIZATION.toString()));
        if (bearer != null && nexus.authRequired()) {
            e.takeOver((channel, request) -> checkThenUpgrade(channel, request, r.secure(), bearer));
            return;
        }
        e.takeOver((channel, request) -> upgrade(channel, request, r.secure(), null));
    }

    /**
     * The token of {@code Authorization: Bearer <token>}, or null for none or another scheme: a
     * browser sends the Basic credentials of a page under POX's Basic authentication with its
     * upgrade too, and such a WebSocket authenticates with its first message (PROTOCOL.md §12).
     */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String v = authorization.strip();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : null;
    }

    /**
     * Asks the nexus about the upgrade's token, then, on the I/O thread, upgrades with its grant
     * or answers {@code 401} without upgrading (PROTOCOL.md §12). Owns {@code request}.
     */
    private void checkThenUpgrade(Channel channel, FullHttpRequest request, boolean secure, String token) {
        InetSocketAddress from = channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
        nexus.checkToken(from == null ? null : from.getAddress(), token).whenComplete((check, failure) ->
                channel.eventLoop().execute(() -> {
                    if (!channel.isActive()) {
                        request.release();
                    } else if (check != null && check.accepted()) {
                        upgrade(channel, request, secure, check.grant());
                    } else {
                        request.release();
                        String why = check != null ? check.refusal() : "the token could not be checked: " + failure;
                        refuse(channel, WebResponse.error(401, why + "; no WebSocket was opened")
                                .withHeader("WWW-Authenticate", "Bearer"));
                    }
                }));
    }

    /** Answers {@code r} on a connection taken over from web.webcore, then closes it. I/O thread. */
    private static void refuse(Channel channel, WebResponse r) {
        byte[] body = r.bodyText().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(body));
        r.headers().forEach((k, v) -> answer.headers().set(k, v));
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    private void upgrade(Channel channel, FullHttpRequest request, boolean secure, AccessTokens.Grant granted) {
        boolean lines;
        try {
            String host = request.headers().get(HttpHeaderNames.HOST);
            WebSocketDecoderConfig frames = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(settings.maxFrameBytes())
                    .allowExtensions(false)
                    .closeOnProtocolViolation(false) // ours to close, after the error is sent
                    .build();
            // A client that offers LINES gets it; one that offers only others gets none (the answer has
            // no Sec-WebSocket-Protocol, and Chromium then fails the connection itself).
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                    (secure ? "wss://" : "ws://") + host + PATH, LINES, frames).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                return;
            }
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(settings.writeLowWaterMark(),
                    settings.writeHighWaterMark()));
            handshaker.handshake(channel, request);
            lines = LINES.equals(handshaker.selectedSubprotocol());
        } finally {
            request.release();
        }
        WsConnection con = new WsConnection(channel, settings.maxPendingBytes(), lines);
        if (granted != null) {
            con.grantBeforeWelcome(granted);
        }
        open.add(con);
        channel.closeFuture().addListener(f -> open.remove(con));
        ChannelPipeline p = channel.pipeline();
        // control: pings, pongs, close frames, binary frames, and the frame decoder's refusals
        p.addLast("ws-control", new WsControlHandler(con, settings.pingInterval()));
        // aggregator: a fragmented message whole, bounded as it arrives
        p.addLast("ws-aggregator", new WebSocketFrameAggregator(settings.maxFrameBytes()));
        // decoder: one text message -> one ObjectNode, or a recoverable error
        p.addLast("ws-decoder", new WsMessageDecoder(con));
        // connection: the messenger connection, as on TCP (the welcome goes out once it is added)
        p.addLast("connection", new ConnectionHandler(nexus, settings.limits(), settings.maxFrameBytes(),
                ch -> con, false, null, log));
    }
}
