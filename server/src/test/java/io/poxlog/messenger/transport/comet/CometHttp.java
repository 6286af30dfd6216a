package io.poxlog.messenger.transport.comet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.WebMessengerFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Plain requests to the comet transport of a fixture, for tests that check the wire itself. */
final class CometHttp {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final WebMessengerFixture fx;

    CometHttp(WebMessengerFixture fx) {
        this.fx = fx;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return CometClient.post(fx.uri(path), Map.of(), body);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        return CometClient.post(fx.uri(path), headers, body);
    }

    HttpResponse<String> get(String path) throws Exception {
        return CometClient.get(fx.uri(path), Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return CometClient.get(fx.uri(path), headers);
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return get(path);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(path, body);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** A new session's key, from {@code POST new} as webmessenger.js makes one. */
    String newSession() throws Exception {
        HttpResponse<String> r = post("/_webmsg/new", "{\"seq\":100,\"data\":null}");
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return json(r).get("ses").asText();
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return MAPPER.readTree(r.body());
    }

    /** The status line of one raw request (the JDK's client does not show reason phrases). */
    String statusLine(String method, String path, String body) throws IOException {
        try (Socket s = new Socket(fx.web.boundAddress().getAddress(), fx.web.boundAddress().getPort())) {
            s.setSoTimeout(20_000);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + b.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(b);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                line.write(c);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
