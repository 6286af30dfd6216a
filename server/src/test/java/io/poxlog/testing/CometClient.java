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

/**
 * A client of the comet transport ({@code /_webmsg/}, PROTOCOL.md §10) on the JDK's
 * {@code HttpClient}, as {@code webmessenger.js} speaks it: {@code POST new} with
 * {@code {"seq":100,"data":null}} for the key, then one GET pending at a time, each answer's
 * {@code seq} one more than the last and its messages queued in order; each {@link #send} a POST
 * of one message with the next {@code seq}, waiting for its answer. With {@code reading} false it
 * sends no GET (a subscriber that stopped fetching) until {@link #resume}.
 *
 * <p>Threads: a poller thread of its own fills the queue; the test's thread calls the rest.
 */
public final class CometClient extends LongPollClient {
    /** The JDK client these use, for tests' own requests (other methods). */
    public static final HttpClient HTTP_FOR_TESTS = HTTP;

    private final URI base;
    private final Map<String, String> headers;
    private final String key;
    private boolean stopAfterAnswer;
    private volatile int lastStatus;
    private int txSeq = 101;
    private Integer rxSeq;

    private CometClient(URI base, Map<String, String> headers, String key, boolean reading) {
        super("GET", reading);
        this.base = base;
        this.headers = headers;
        this.key = key;
    }

    /** Opens a session at {@code base} ({@code http://host:port/_webmsg/}) and starts polling. */
    public static CometClient connect(URI base, Map<String, String> headers) throws Exception {
        return connect(base, headers, true);
    }

    public static CometClient connect(URI base, Map<String, String> headers, boolean reading) throws Exception {
        CometClient c = new CometClient(base, headers, newSession(base, headers), reading);
        c.startPolling("comet", c.key);
        return c;
    }

    /**
     * As {@code connect} with {@code reading} false, but its first GET is sent: it takes the
     * answer waiting (the welcome) and then fetches nothing until {@link #resume}.
     */
    public static CometClient connectTakingTheWelcome(URI base, Map<String, String> headers) throws Exception {
        CometClient c = new CometClient(base, headers, newSession(base, headers), true);
        c.stopAfterAnswer = true;
        c.startPolling("comet", c.key);
        return c;
    }

    private static String newSession(URI base, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = post(base.resolve("new"), headers, "{\"seq\":100,\"data\":null}");
        if (r.statusCode() != 200) {
            throw new AssertionError("POST new answered " + r.statusCode() + ": " + r.body());
        }
        return MAPPER.readTree(r.body()).get("ses").asText();
    }

    /** One POST of {@code body} to {@code uri}, with {@code headers}. */
    public static HttpResponse<String> post(URI uri, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One GET of {@code uri}, with {@code headers}. */
    public static HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    protected void pollOnce() throws IOException, InterruptedException {
        HttpResponse<String> r = get(base.resolve(key), headers);
        lastStatus = r.statusCode();
        if (r.statusCode() != 200) {
            fail("GET answered " + r.statusCode() + ": " + r.body());
            return;
        }
        JsonNode a = MAPPER.readTree(r.body());
        if (!a.has("data")) {
            fail("the session closed: " + r.body());
            return;
        }
        int seq = a.get("seq").asInt();
        if (rxSeq != null && seq != rxSeq) {
            fail("answer " + seq + " where " + rxSeq + " was due");
            return;
        }
        rxSeq = seq == 0x7fffffff ? 0 : seq + 1;
        a.get("data").forEach(this::received);
        synchronized (this) {
            if (stopAfterAnswer && a.get("data").size() > 0) {
                stopAfterAnswer = false;
                pause();
            }
        }
    }

    public String key() {
        return key;
    }

    public URI base() {
        return base;
    }

    /** Posts one message with the next {@code seq}; returns the answer. */
    @Override
    public synchronized HttpResponse<String> send(String json) throws IOException, InterruptedException {
        HttpResponse<String> r = post(base.resolve(key), headers, "{\"seq\":" + (txSeq++) + ",\"data\":[" + json + "]}");
        if (r.statusCode() != 200) {
            throw new AssertionError("POST answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    public HttpResponse<String> send(ObjectNode message) throws IOException, InterruptedException {
        return send(MAPPER.writeValueAsString(message));
    }

    @Override
    public synchronized void resume() {
        stopAfterAnswer = false;
        super.resume();
    }

    public int lastStatus() {
        return lastStatus;
    }
}
