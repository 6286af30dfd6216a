package io.poxlog.web;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Takes a connection over from the HTTP server: the hook for a WebSocket upgrade
 * ({@link WebExchange#takeOver}). Runs on the connection's I/O thread.
 *
 * <p>When it runs, the server's own request handling has left the pipeline: what remains is TLS
 * (when spoken), the HTTP codec ({@code "codec"}) and the body aggregator ({@code "aggregator"}),
 * which Netty's {@code WebSocketServerHandshaker} replaces and removes itself. The connection
 * still counts against the server's connection limits until it closes, and {@link WebServer#stop}
 * still closes it; reading is on again once this returns.
 */
@FunctionalInterface
public interface WebTakeover {
    /**
     * {@code request} is the taker's to release (it was retained for it).
     */
    void takeOver(Channel channel, FullHttpRequest request) throws Exception;
}
