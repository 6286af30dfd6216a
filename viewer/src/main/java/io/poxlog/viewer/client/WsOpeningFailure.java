package io.poxlog.viewer.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import javax.net.ssl.SSLException;

/**
 * What a failed WebSocket opening or send means, in the words the connection's reasons use
 * ({@link WsWire}): the JDK's exceptions often wrap the one that says what happened, or say
 * nothing, and a refused upgrade's status has a meaning at our controller. Any thread.
 */
final class WsOpeningFailure {
    private WsOpeningFailure() {
    }

    /** A failure of the opening handshake, in the words the connection's reasons use. */
    static IOException of(Endpoint endpoint, Throwable t) {
        if (t instanceof WebSocketHandshakeException h) {
            int status = h.getResponse() == null ? 0 : h.getResponse().statusCode();
            if (status == 101) {
                // An upgrade that is not one: a server that is not what the URL says, or a hostile one.
                return new IOException("the WebSocket upgrade to " + endpoint.uri() + " was answered wrongly: " + message(h));
            }
            return new IOException("the WebSocket upgrade to " + endpoint.uri() + " was refused: HTTP " + status
                    + refusal(endpoint, status));
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new SocketTimeoutException(t.getMessage());
        }
        if (t instanceof HttpTimeoutException) {
            return new SocketTimeoutException("no WebSocket handshake: " + t.getMessage());
        }
        if (t instanceof SSLException s) {
            return s;
        }
        if (t instanceof ConnectException) {
            // The JDK's often has no message at all: what a refused connection is, mostly.
            String m = message(t);
            return new ConnectException(m.equals("ConnectException") ? "Connection refused" : m);
        }
        if (t instanceof IOException io) {
            String m = message(io);
            // A web server that speaks TLS closes on a client without it, with nothing to say.
            boolean noAnswer = !endpoint.secure() && (m.contains("EOF") || m.contains("closed") || m.contains("no bytes"));
            return new IOException(m + (noAnswer ? " (a web server that speaks TLS does that to a client without it: try wss://)" : ""), io);
        }
        return new IOException(message(t), t);
    }

    /** What a refused upgrade's status means here (web.webcore's and messenger.ws_transport's answers). */
    private static String refusal(Endpoint endpoint, int status) {
        return switch (status) {
            case 404 -> " (nothing at " + endpoint.path() + ": is messenger.ws_transport loaded?)";
            case 403 -> " (the controller refused this origin)";
            case 421 -> " (the controller does not answer to the name '" + endpoint.host()
                    + "': web.webcore --allowed_hosts names the others)";
            case 429, 503 -> " (the controller's web server is at its connection limit)";
            default -> "";
        };
    }

    /** The first message along the causes: the JDK's often wraps the one that says what happened. */
    static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName();
    }
}
