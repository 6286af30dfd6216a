package io.poxlog.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer to a request: a status, a content type, headers and a body (bytes, or a file
 * streamed from disk). Immutable; any thread. The server adds {@code Content-Length},
 * {@code Connection} and {@code X-Content-Type-Options: nosniff} itself.
 */
public final class WebResponse {
    public static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Path file;
    private final long fileLength;
    private final Map<String, String> headers;
    private final boolean close;
    private final String reason;

    private WebResponse(int status, String contentType, byte[] body, Path file, long fileLength,
                        Map<String, String> headers, boolean close) {
        this(status, contentType, body, file, fileLength, headers, close, null);
    }

    private WebResponse(int status, String contentType, byte[] body, Path file, long fileLength,
                        Map<String, String> headers, boolean close, String reason) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("an HTTP status is 100-599, not " + status);
        }
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.file = file;
        this.fileLength = fileLength;
        this.headers = headers;
        this.close = close;
        this.reason = reason;
    }

    /** {@code contentType} may be null for a response without a body. */
    public static WebResponse of(int status, String contentType, byte[] body) {
        return new WebResponse(status, contentType, body.clone(), null, 0, Map.of(), false);
    }

    /** A JSON body, written as the messenger writes JSON (ASCII, other characters escaped). */
    public static WebResponse json(int status, JsonNode body) {
        return new WebResponse(status, JSON, Json.encode(body), null, 0, Map.of(), false);
    }

    public static WebResponse text(int status, String text) {
        return new WebResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null, 0,
                Map.of(), false);
    }

    /** {@code {"error": "..."}}: how this server answers every request it refuses. */
    public static WebResponse error(int status, String message) {
        return json(status, Json.object().put("error", message)).withHeader("Cache-Control", "no-store");
    }

    /** A file's content, {@code length} bytes of it, streamed from disk. */
    static WebResponse file(Path file, long length, String contentType) {
        return new WebResponse(200, contentType, null, file, length, Map.of(), false);
    }

    /** This response with one more header (or another value for it). */
    public WebResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebResponse(status, contentType, body, file, fileLength, Collections.unmodifiableMap(h), close,
                reason);
    }

    /** This response, after which the connection is closed. */
    public WebResponse closing() {
        return new WebResponse(status, contentType, body, file, fileLength, headers, true, reason);
    }

    /**
     * This response with its own reason phrase on the status line ({@code 400 Bad sequence number},
     * as POX's comet transport says it); printable ASCII only.
     */
    public WebResponse withReason(String phrase) {
        if (!phrase.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a reason phrase is printable ASCII, not '" + phrase + "'");
        }
        return new WebResponse(status, contentType, body, file, fileLength, headers, close, phrase);
    }

    /** The reason phrase of the status line, or null for the status's usual one. */
    public String reason() {
        return reason;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The body's bytes, or null for a file. */
    byte[] body() {
        return body;
    }

    Path file() {
        return file;
    }

    long contentLength() {
        return file != null ? fileLength : body.length;
    }

    public Map<String, String> headers() {
        return headers;
    }

    boolean closesConnection() {
        return close;
    }

    /** The body as text (UTF-8); empty for a file. */
    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
