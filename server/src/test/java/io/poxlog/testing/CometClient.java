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
import java.util.function.Predicate;

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
public final class CometClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** The JDK client these use, for tests' own requests (other methods). */
    public static final HttpClient HTTP_FOR_TESTS = HTTP;

    private final URI base;
    private final Map<String, String> headers;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<String> problems = new ArrayList<>();
    private final String key;
    private volatile boolean reading;
    private boolean stopAfterAnswer;
    private volatile boolean closed;
    private volatile int lastStatus;
    private int txSeq = 101;
    private Integer rxSeq;
    private Thread poller;

    private CometClient(URI base, Map<String, String> headers, String key, boolean reading) {
        this.base = base;
        this.headers = headers;
        this.key = key;
        this.reading = reading;
    }

    /** Opens a session at {@code base} ({@code http://host:port/_webmsg/}) and starts polling. */
    public static CometClient connect(URI base, Map<String, String> headers) throws Exception {
        return connect(base, headers, true);
    }

    public static CometClient connect(URI base, Map<String, String> headers, boolean reading) throws Exception {
        HttpResponse<String> r = post(base.resolve("new"), headers, "{\"seq\":100,\"data\":null}");
        if (r.statusCode() != 200) {
            throw new AssertionError("POST new answered " + r.statusCode() + ": " + r.body());
        }
        CometClient c = new CometClient(base, headers, MAPPER.readTree(r.body()).get("ses").asText(), reading);
        c.poller = new Thread(c::poll, "comet-client-" + c.key.substring(0, 4));
        c.poller.setDaemon(true);
        c.poller.start();
        return c;
    }

    /**
     * As {@code connect} with {@code reading} false, but its first GET is sent: it takes the
     * answer waiting (the welcome) and then fetches nothing until {@link #resume}.
     */
    public static CometClient connectTakingTheWelcome(URI base, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = post(base.resolve("new"), headers, "{\"seq\":100,\"data\":null}");
        if (r.statusCode() != 200) {
            throw new AssertionError("POST new answered " + r.statusCode() + ": " + r.body());
        }
        CometClient c = new CometClient(base, headers, MAPPER.readTree(r.body()).get("ses").asText(), true);
        c.stopAfterAnswer = true;
        c.poller = new Thread(c::poll, "comet-client-" + c.key.substring(0, 4));
        c.poller.setDaemon(true);
        c.poller.start();
        return c;
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
                HttpResponse<String> r = get(base.resolve(key), headers);
                lastStatus = r.statusCode();
                if (r.statusCode() != 200) {
                    problem("GET answered " + r.statusCode() + ": " + r.body());
                    return;
                }
                JsonNode a = MAPPER.readTree(r.body());
                if (!a.has("data")) {
                    problem("the session closed: " + r.body());
                    return;
                }
                int seq = a.get("seq").asInt();
                if (rxSeq != null && seq != rxSeq) {
                    problem("answer " + seq + " where " + rxSeq + " was due");
                    return;
                }
                rxSeq = seq == 0x7fffffff ? 0 : seq + 1;
                a.get("data").forEach(received::add);
                synchronized (this) {
                    if (stopAfterAnswer && a.get("data").size() > 0) {
                        stopAfterAnswer = false;
                        reading = false;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    problem("GET failed: " + e);
                }
                return;
            }
        }
    }

    private synchronized void problem(String p) {
        problems.add(p);
        closed = true;
    }

    public String key() {
        return key;
    }

    public URI base() {
        return base;
    }

    /** Posts one message with the next {@code seq}; returns the answer. */
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

    /** The next message, within {@link WireClient#TIMEOUT}. */
    public JsonNode next() throws InterruptedException {
        JsonNode m = received.poll(WireClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + WireClient.TIMEOUT + "; " + problems());
        }
        return m;
    }

    /** The next message {@code wanted} accepts, skipping others. */
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

    /** Lets a client made with {@code reading} false fetch again. */
    public synchronized void resume() {
        stopAfterAnswer = false;
        reading = true;
        notifyAll();
    }

    /** What went wrong with its GETs (a status, a sequence out of place); empty while all is well. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether polling has ended (the session closed, a failure, or {@link #close}). */
    public boolean isClosed() {
        return closed;
    }

    public int lastStatus() {
        return lastStatus;
    }

    /** The messages queued now. */
    public List<JsonNode> queued() {
        List<JsonNode> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** Stops polling (the server keeps the session until it expires, as with POX's clients). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (poller != null) {
            poller.interrupt();
        }
    }
}
