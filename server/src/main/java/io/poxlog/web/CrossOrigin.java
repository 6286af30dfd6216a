package io.poxlog.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * CORS, for the pages of {@code --allowed_origins} only (PROTOCOL.md §9.2): every answer to a
 * request from one of them names that origin in {@code Access-Control-Allow-Origin} (never
 * {@code *}), and its preflights are granted {@code GET, POST} with the headers the handlers take.
 * A preflight from any other origin is refused 403 with no CORS header, so its browser sends
 * nothing after it; the server's own pages need none. One place for every handler: handlers
 * never see a preflight, and add no CORS header of their own.
 *
 * <p>The headers a page may send and read, besides {@link #BASE_REQUEST_HEADERS}, are what the
 * mounted handlers add ({@link #allow}), from any thread; the rest is immutable. Any thread.
 */
final class CrossOrigin {
    static final String METHODS = "GET, POST";
    /** Sent by every handler's clients: a JSON body, and a token as {@code Authorization: Bearer}. */
    static final List<String> BASE_REQUEST_HEADERS = List.of("Content-Type", "Authorization");
    /** How long a browser may keep a granted preflight: a long poll would otherwise ask before each request. */
    static final int MAX_AGE_SECONDS = 600;

    private final Set<String> origins = new LinkedHashSet<>();
    private final Set<String> requestHeaders = new CopyOnWriteArraySet<>(BASE_REQUEST_HEADERS);
    private final Set<String> exposedHeaders = new CopyOnWriteArraySet<>();

    /** {@code allowedOrigins}: checked already ({@link WebSettings}). */
    CrossOrigin(List<String> allowedOrigins) {
        for (String o : allowedOrigins) {
            origins.add(ServedNames.origin(o));
        }
    }

    /** Headers of a handler's that pages may send ({@code sent}) and read in its answers ({@code read}). */
    void allow(Collection<String> sent, Collection<String> read) {
        requestHeaders.addAll(sent);
        exposedHeaders.addAll(read);
    }

    /** Whether {@code origin} (an {@code Origin} header, or null) is one of {@code --allowed_origins}. */
    boolean allowed(String origin) {
        if (origin == null || origins.isEmpty()) {
            return false;
        }
        try {
            return origins.contains(ServedNames.origin(origin));
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
    }

    /** A browser asking whether a page of {@code Origin} may send a request ({@code OPTIONS} with {@code Access-Control-Request-Method}). */
    static boolean isPreflight(HttpMethod method, HttpHeaders headers) {
        return HttpMethod.OPTIONS.equals(method) && headers.contains(HttpHeaderNames.ORIGIN)
                && headers.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** The answer to a preflight from {@code origin}: granted ({@code 204}) to an allowed one, else a 403 without CORS headers. */
    WebResponse preflight(String origin) {
        if (!allowed(origin)) {
            return WebResponse.error(403, "Origin '" + ServedNames.shorten(origin) + "' is not one of this server's "
                    + "--allowed_origins" + (origins.isEmpty() ? " (there are none)" : "")
                    + ": its pages may not send requests here");
        }
        return answer(WebResponse.of(204, null, new byte[0]), origin)
                .withHeader("Access-Control-Allow-Methods", METHODS)
                .withHeader("Access-Control-Allow-Headers", String.join(", ", requestHeaders))
                .withHeader("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
    }

    /** {@code r} with the CORS headers of an answer to {@code origin}, an allowed one. */
    WebResponse answer(WebResponse r, String origin) {
        WebResponse out = r.withHeader("Access-Control-Allow-Origin", origin.strip()).withHeader("Vary", "Origin");
        return exposedHeaders.isEmpty() ? out
                : out.withHeader("Access-Control-Expose-Headers", String.join(", ", exposedHeaders));
    }
}
