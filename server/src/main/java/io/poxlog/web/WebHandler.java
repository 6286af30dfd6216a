package io.poxlog.web;

/**
 * Answers the requests under one path of a {@link WebServer} (POX's {@code set_handler}).
 *
 * <p>Called on the connection's I/O thread, one request of a connection at a time: it must not
 * block. It answers with {@link WebExchange#respond} now, or later from any thread (a long poll:
 * {@link WebExchange#hold}), or hands the connection over ({@link WebExchange#takeOver}). The
 * request has already passed the server's checks (its {@code Host}, its size); the checks that
 * depend on what the request does are the handler's: {@link WebExchange#checkStateChange} for
 * every request that changes anything. A handler that throws is answered 500 for, and the server
 * goes on.
 */
@FunctionalInterface
public interface WebHandler {
    void handle(WebExchange exchange) throws Exception;
}
