package io.poxlog.web;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request, whole: method, path, query, headers and its body (at most the server's
 * {@code maxBodyBytes}). Immutable once made; any thread.
 */
public final class WebRequest {
    private final String method;
    private final String path;
    private final String query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final InetSocketAddress remote;
    private final boolean tls;

    WebRequest(String method, String path, String query, HttpHeaders headers, byte[] body,
               InetSocketAddress remote, boolean tls) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.remote = remote;
        this.tls = tls;
    }

    /** {@code GET}, {@code POST}, ... as sent (upper case by HTTP's rules). */
    public String method() {
        return method;
    }

    /** The path as sent, still percent-encoded, without the query: {@code /_webmsg/abc}. */
    public String path() {
        return path;
    }

    /** The query as sent, after the {@code ?}; empty when none. */
    public String query() {
        return query;
    }

    /** The query's parameters, decoded. */
    public Map<String, List<String>> parameters() {
        return new QueryStringDecoder("?" + query).parameters();
    }

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public List<String> headers(String name) {
        return headers.getAll(name);
    }

    /** Every header (a copy of the request's: changing it changes nothing else). */
    public HttpHeaders headers() {
        return headers;
    }

    /** The body's bytes (a copy). */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Whether it came over TLS. */
    public boolean secure() {
        return tls;
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }
}
