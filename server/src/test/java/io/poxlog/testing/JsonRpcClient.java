package io.poxlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
public final class JsonRpcClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** POXDesk's own timeout of a poll (Messenger.js: 30 s). */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final URI endpoint;
    private final Map<String, String> headers;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<String> problems = new ArrayList<>();
    private String key;
    private long seq;
    private int txSeq;
    private volatile boolean reading;
    private volatile boolean closed;
    private Thread poller;

    private JsonRpcClient(URI endpoint, Map<String, String> headers, boolean reading) {
        this.endpoint = endpoint;
        this.headers = headers;
        this.reading = reading;
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
        c.poller = new Thread(c::poll, "jsonrpc-client-" + c.key.substring(0, 4));
        c.poller.setDaemon(true);
        c.poller.start();
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
        messages.forEach(received::add);
        seq = result.get("seq").asLong() + messages.size();
    }

    private void poll() {
        while (!closed) {
            try {
                synchronized (this) {
                    while (!reading && !closed) {
                        wait();
                    }
                }
                if (closed) {
                    return;
                }
                JsonNode a;
                try {
                    a = call("messenger_rx", "poll", "[\"" + key + "\"," + seq + "]", POLL_TIMEOUT);
                } catch (java.net.http.HttpTimeoutException timeout) {
                    continue; // POXDesk polls again with the same seq
                }
                if (a.has("error") && !a.get("error").isNull()) {
                    problem("poll failed: " + a);
                    continue;
                }
                JsonNode result = a.get("result");
                if (result == null || !result.has("session")) {
                    problem("poll answered without result.session: " + a); // POXDesk fails here and polls no more
                    closed = true;
                    return;
                }
                if (result.has("failure")) {
                    problem("poll failure: " + result.get("failure").asText());
                    if ("quit".equals(result.get("failure").asText())) {
                        closed = true;
                        return;
                    }
                    continue;
                }
                take(result);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                problem("poll failed: " + e);
                closed = true;
                return;
            }
        }
    }

    private synchronized void problem(String p) {
        problems.add(p);
    }

    public String key() {
        return key;
    }

    /** Sends one message with the next {@code seq}, as POXDesk's send; returns the whole answer. */
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

    public JsonNode next() throws InterruptedException {
        JsonNode m = received.poll(WireClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + WireClient.TIMEOUT + "; " + problems());
        }
        return m;
    }

    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WireClient.TIMEOUT.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            JsonNode m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no wanted message in time; " + problems());
    }

    public JsonNode welcome() throws InterruptedException {
        JsonNode w = next();
        if (!"welcome".equals(w.path("cmd").asText())) {
            throw new AssertionError("expected the welcome first, got " + w);
        }
        return w;
    }

    public JsonNode authenticate(String token) throws Exception {
        send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"" + token + "\"}");
        return next(m -> m.has("cmd") && !"welcome".equals(m.path("cmd").asText()));
    }

    public synchronized void resume() {
        reading = true;
        notifyAll();
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean isClosed() {
        return closed;
    }

    public List<JsonNode> queued() {
        List<JsonNode> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** Stops polling and calls {@code stop}, as POXDesk's stop(). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (poller != null) {
            poller.interrupt();
        }
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
