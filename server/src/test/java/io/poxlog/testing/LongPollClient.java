package io.poxlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What both HTTP transports' test clients are ({@link CometClient}, {@link JsonRpcClient}): a
 * poller thread of its own asking for messages one request at a time ({@link #pollOnce}, the
 * transport's way) and queueing them in order, for the test to take ({@link #next}); paused while
 * not {@code reading} (a client that stopped fetching), and ended by a failure ({@link #fail}) or
 * {@link #close}. What went wrong is kept in {@link #problems}.
 *
 * <p>Threads: the poller calls {@link #pollOnce}; the test's thread calls the rest.
 */
public abstract class LongPollClient implements AutoCloseable {
    protected static final ObjectMapper MAPPER = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<String> problems = new ArrayList<>();
    private final String pollName;
    private volatile boolean reading;
    private volatile boolean closed;
    private Thread poller;

    /** {@code pollName}: the request that fetches ({@code GET}, {@code poll}), for the problems. */
    protected LongPollClient(String pollName, boolean reading) {
        this.pollName = pollName;
        this.reading = reading;
    }

    /** One request for messages: {@link #received} for each, {@link #fail} to end. */
    protected abstract void pollOnce() throws IOException, InterruptedException;

    /** Sends one message (the transport's way), failing when it is refused; returns the answer. */
    public abstract Object send(String json) throws IOException, InterruptedException;

    /** Starts polling, on a daemon thread named after the session's {@code key}. */
    protected final void startPolling(String kind, String key) {
        poller = new Thread(this::run, kind + "-client-" + key.substring(0, Math.min(4, key.length())));
        poller.setDaemon(true);
        poller.start();
    }

    private void run() {
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
                pollOnce();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    fail(pollName + " failed: " + e);
                }
                return;
            }
        }
    }

    protected final void received(JsonNode message) {
        received.add(message);
    }

    /** Something went wrong that the client lives with (POXDesk goes on polling). */
    protected final synchronized void problem(String p) {
        problems.add(p);
    }

    /** Something went wrong that ends the polling. */
    protected final synchronized void fail(String p) {
        problems.add(p);
        closed = true;
    }

    /** Fetches no more after this answer, until {@link #resume}. */
    protected final synchronized void pause() {
        reading = false;
    }

    /** The next message, within {@link WireClient#TIMEOUT}. */
    public final JsonNode next() throws InterruptedException {
        JsonNode m = received.poll(WireClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + WireClient.TIMEOUT + "; " + problems());
        }
        return m;
    }

    /** The next message {@code wanted} accepts, skipping others. */
    public final JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WireClient.TIMEOUT.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            JsonNode m = received.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no wanted message in time; " + problems());
    }

    public final JsonNode welcome() throws InterruptedException {
        JsonNode w = next();
        if (!"welcome".equals(w.path("cmd").asText())) {
            throw new AssertionError("expected the welcome first, got " + w);
        }
        return w;
    }

    public final JsonNode authenticate(String token) throws Exception {
        send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"" + token + "\"}");
        return next(m -> m.has("cmd") && !"welcome".equals(m.path("cmd").asText()));
    }

    /** Lets a client made with {@code reading} false (or paused) fetch again. */
    public synchronized void resume() {
        reading = true;
        notifyAll();
    }

    /** What went wrong with its requests (a status, a sequence out of place); empty while all is well. */
    public final synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether polling has ended (the session closed, a failure, or {@link #close}). */
    public final boolean isClosed() {
        return closed;
    }

    /** The messages queued now. */
    public final List<JsonNode> queued() {
        List<JsonNode> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** Stops polling. */
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
