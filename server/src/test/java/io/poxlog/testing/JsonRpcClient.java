package io.poxlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the JSON-RPC transport ({@code /_jrpcmsg/}, PROTOCOL.md §11) on the JDK's
 * {@code HttpClient}, doing what POXDesk's {@code Messenger.js} does (§11.4): qooxdoo-style calls
 * with {@code service} and a counting {@code id}; {@code poll("new!", 0)} for the key, then polls
 * with {@code seq = result.seq + messages.length} after every answer (the same {@code seq} again
 * after a failure or its 30-s timeout); {@link #send} numbered from 0, each answer's {@code ack}
 * checked; {@link #close} calls {@code stop}. With {@code reading} false it polls no more after the
 * welcome (a client that stopped fetching) until {@link #resume}.
 *
 * <p>Threads: a poller thread of its own fills the queue; the test's thread calls the rest.
 */
public final class JsonRpcClient extends LongPollClient {
    /** POXDesk's own timeout of a poll (Messenger.js: 30 s). */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final URI endpoint;
    private final Map<String, String> headers;
    private String key;
    private long seq;
    private int txSeq;

    private JsonRpcClient(URI endpoint, Map<String, String> headers, boolean reading) {
        super("poll", reading);
        this.endpoint = endpoint;
        this.headers = headers;
    }

    /** Starts a session at {@code endpoint} ({@code http://host:port/_jrpcmsg/}) as POXDesk's start() does. */
    public static JsonRpcClient connect(URI endpoint, Map<String, String> headers) throws Exception {
        return connect(endpoint, headers, true);
    }

    public static JsonRpcClient connect(URI endpoint, Map<String, String> headers, boolean reading) throws Exception {
        JsonRpcClient c = new JsonRpcClient(endpoint, headers, reading);
        JsonNode first = c.call("messenger_rx", "poll", "[\"new!\",0]", POLL_TIMEOUT);
        JsonNode result = first.get("result");
        if (result == null || !result.has("session")) {
            throw new AssertionError("poll(\"new!\", 0) answered " + first);
        }
        c.key = result.get("session").asText();
        c.take(result);
        c.startPolling("jsonrpc", c.key);
        return c;
    }

    /** One POST of {@code body} to {@code uri}, as qooxdoo's Rpc sends it ({@code application/json}). */
    public static HttpResponse<String> post(URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return post(uri, Map.of(), body, Duration.ofSeconds(60));
    }

    private JsonNode call(String service, String method, String params, Duration timeout)
            throws IOException, InterruptedException {
        int id = IDS.incrementAndGet();
        HttpResponse<String> r = post(endpoint, headers, "{\"service\":\"" + service + "\",\"method\":\"" + method
                + "\",\"id\":" + id + ",\"params\":" + params + "}", timeout);
        if (r.statusCode() != 200) {
            throw new IOException(method + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode a = MAPPER.readTree(r.body());
        if (a.path("id").asInt() != id) {
            problem("answer id " + a.get("id") + " to call " + id); // qooxdoo only warns
        }
        return a;
    }

    private void take(JsonNode result) {
        JsonNode messages = result.get("messages");
        messages.forEach(this::received);
        seq = result.get("seq").asLong() + messages.size();
    }

    @Override
    protected void pollOnce() throws IOException, InterruptedException {
        JsonNode a;
        try {
            a = call("messenger_rx", "poll", "[\"" + key + "\"," + seq + "]", POLL_TIMEOUT);
        } catch (java.net.http.HttpTimeoutException timeout) {
            return; // POXDesk polls again with the same seq
        }
        if (a.has("error") && !a.get("error").isNull()) {
            problem("poll failed: " + a);
            return;
        }
        JsonNode result = a.get("result");
        if (result == null || !result.has("session")) {
            fail("poll answered without result.session: " + a); // POXDesk fails here and polls no more
            return;
        }
        if (result.has("failure")) {
            String failure = "poll failure: " + result.get("failure").asText();
            if ("quit".equals(result.get("failure").asText())) {
                fail(failure);
            } else {
                problem(failure);
            }
            return;
        }
        take(result);
    }

    public String key() {
        return key;
    }

    /** Sends one message with the next {@code seq}, as POXDesk's send; returns the whole answer. */
    @Override
    public synchronized JsonNode send(String json) throws IOException, InterruptedException {
        JsonNode a = call("messenger_tx", "send", "[\"" + key + "\"," + json + "," + (txSeq++) + "]", Duration.ofSeconds(10));
        JsonNode ack = a.path("result").path("ack");
        if (!ack.isNumber() || ack.asLong() == 0) {
            throw new AssertionError("Bad send: " + a); // POXDesk's alert
        }
        return a;
    }

    public JsonNode send(ObjectNode message) throws IOException, InterruptedException {
        return send(MAPPER.writeValueAsString(message));
    }

    /** Stops polling and calls {@code stop}, as POXDesk's stop(). */
    @Override
    public void close() {
        super.close();
        if (key != null) {
            try {
                post(endpoint, headers, "{\"service\":\"messenger_tx\",\"method\":\"stop\",\"id\":" + IDS.incrementAndGet()
                        + ",\"params\":[\"" + key + "\"]}", Duration.ofSeconds(10));
            } catch (IOException | InterruptedException | RuntimeException e) {
                // the server may be gone first
            }
        }
    }
}
