package io.poxlog.viewer.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A controller to connect to: its messenger's TCP transport ({@code host:port}; IPv6 literals as
 * {@code [::1]:7790}), or its WebSocket transport ({@code ws://host:port/_webmsg/ws}, {@code
 * wss://} with TLS; PROTOCOL.md §12). Immutable.
 *
 * @param webSocket whether it is the WebSocket transport
 * @param secure for a WebSocket, whether its scheme is {@code wss} (TLS); false for TCP, whose
 *     TLS the client options say
 * @param host the host name or address (an IPv6 literal without brackets)
 * @param port the port
 * @param path for a WebSocket, the path of the transport ({@link #DEFAULT_WS_PATH} unless the
 *     URL says another); "" for TCP
 */
public record Endpoint(boolean webSocket, boolean secure, String host, int port, String path) {
    /** Where {@code messenger.ws_transport} mounts itself on {@code web.webcore}. */
    public static final String DEFAULT_WS_PATH = "/_webmsg/ws";

    public Endpoint {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be 1-65535, not " + port);
        }
    }

    /** The messenger's TCP transport on {@code host:port}. */
    public static Endpoint tcp(String host, int port) {
        return new Endpoint(false, false, host, port, "");
    }

    /**
     * {@code host:port}, or a WebSocket URL ({@code ws://HOST[:PORT][/PATH]}, {@code wss://...}):
     * without a port, 80 for ws and 443 for wss, as for any URL; without a path, {@link
     * #DEFAULT_WS_PATH}. A URL carrying a token, in its query or as user information, is refused:
     * a token goes in the first message (PROTOCOL.md §12), never in a URL that logs and process
     * lists show.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Endpoint parse(String text) {
        String t = text.trim();
        if (t.contains("://")) {
            return parseUrl(text, t);
        }
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port or ws://HOST:PORT/PATH");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port must be a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port must be 1-65535");
        }
        return tcp(host, port);
    }

    private static Endpoint parseUrl(String text, String t) {
        URI u;
        try {
            u = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("'" + text + "': a URL must be ws:// or wss:// (the WebSocket transport); "
                    + "the TCP transport is host:port");
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null && u.getRawQuery().toLowerCase(Locale.ROOT).contains("token")) {
            throw new IllegalArgumentException("'" + text + "': a token never goes in a URL; give it with --token-file or "
                    + ClientToken.ENV);
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "': the WebSocket transport takes no query or fragment");
        }
        String host = u.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = scheme.equals("wss");
        int port = u.getPort() < 0 ? secure ? 443 : 80 : u.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port must be 1-65535");
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/")
                ? DEFAULT_WS_PATH : u.getRawPath();
        return new Endpoint(true, secure, host, port, path);
    }

    /** The URL of a WebSocket endpoint. */
    public URI uri() {
        if (!webSocket) {
            throw new IllegalStateException(this + " is not a WebSocket endpoint");
        }
        return URI.create((secure ? "wss" : "ws") + "://" + authority() + path);
    }

    private String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * How records and statuses name this controller: {@code host:port} for TCP (as POX's tool),
     * the URL for a WebSocket, without its path when that is the usual one ({@code
     * ws://10.0.0.5:8000}, itself a URL that names the same endpoint).
     */
    public String source() {
        if (!webSocket) {
            return host + ":" + port;
        }
        return (secure ? "wss" : "ws") + "://" + authority() + (path.equals(DEFAULT_WS_PATH) ? "" : path);
    }

    @Override
    public String toString() {
        return source();
    }
}
