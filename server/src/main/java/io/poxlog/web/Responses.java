package io.poxlog.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Turns {@link WebResponse}s into Netty's responses, with the headers every answer carries. */
final class Responses {
    private Responses() {
    }

    /** A whole response; {@code head}: without the body, its length still said. */
    static FullHttpResponse full(WebResponse r, HttpVersion version, boolean head, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(version, status(r),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        headers(out.headers(), r, version, keepAlive);
        return out;
    }

    /** The head of a response whose body (a file) follows. */
    static HttpResponse head(WebResponse r, HttpVersion version, boolean keepAlive) {
        HttpResponse out = new DefaultHttpResponse(version, status(r));
        headers(out.headers(), r, version, keepAlive);
        return out;
    }

    /** A refusal before any request was read (a limit): HTTP/1.1, closing. */
    static FullHttpResponse refusal(int status, String error) {
        return full(WebResponse.error(status, error), HttpVersion.HTTP_1_1, false, false);
    }

    private static HttpResponseStatus status(WebResponse r) {
        return r.reason() == null ? HttpResponseStatus.valueOf(r.status()) : new HttpResponseStatus(r.status(), r.reason());
    }

    private static void headers(HttpHeaders h, WebResponse r, HttpVersion version, boolean keepAlive) {
        if (r.contentType() != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        if (r.status() != 204) { // a 204 has no body, and says no length (RFC 9110 §8.6)
            h.set(HttpHeaderNames.CONTENT_LENGTH, r.contentLength());
        }
        // Browsers must take the type given, never guess one from the bytes (a log line is not a script).
        h.set("X-Content-Type-Options", "nosniff");
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
