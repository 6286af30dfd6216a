package io.poxlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A WebSocket client of the messenger on the JDK's own {@code java.net.http.WebSocket}: each text
 * message received is parsed and queued; {@link #next} takes them in order. With {@code reading}
 * false it asks for nothing after the welcome, so that the JDK stops reading the socket (a
 * subscriber that stopped reading) until {@link #resume}. Offered subprotocols, it keeps each
 * frame's text for {@link #frames}; with {@code poxlog-jsonl} chosen (PROTOCOL.md §12) each frame
 * is lines, each a message followed by a newline, and each line is queued as a message.
 *
 * <p>Threads: the JDK's listener thread fills the queue; the test's thread calls the rest.
 */
public final class WsClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    /** The subprotocol whose frames are lines. */
    public static final String LINES = "poxlog-jsonl";

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final boolean reading;
    private final boolean keepFrames;
    private WebSocket socket;

    private WsClient(boolean reading, boolean keepFrames) {
        this.reading = reading;
        this.keepFrames = keepFrames;
    }

    /** Connects to {@code uri} with {@code headers} (an Origin, say) and reads the welcome. */
    public static WsClient connect(URI uri, Map<String, String> headers) throws Exception {
        return connect(uri, headers, true);
    }

    public static WsClient connect(URI uri, Map<String, String> headers, boolean reading) throws Exception {
        return connect(uri, headers, reading, new String[0]);
    }

    /** As {@link #connect(URI, Map, boolean)}, offering {@code subprotocols} in this order. */
    public static WsClient connect(URI uri, Map<String, String> headers, boolean reading, String... subprotocols) throws Exception {
        WsClient c = new WsClient(reading, subprotocols.length > 0);
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        c.socket = b.buildAsync(uri, c.new Listener()).get(20, TimeUnit.SECONDS);
        return c;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                if (keepFrames) {
                    frames.add(frame);
                }
                if (!LINES.equals(ws.getSubprotocol())) {
                    queue(frame);
                } else if (!frame.endsWith("\n")) {
                    received.add(MAPPER.createObjectNode().put("unparsable", frame).put("why", "a frame of lines without its last newline"));
                } else {
                    for (String line : frame.substring(0, frame.length() - 1).split("\n", -1)) {
                        queue(line);
                    }
                }
            }
            if (reading || received.isEmpty()) {
                ws.request(1);
            }
            return null;
        }

        private void queue(String message) {
            try {
                received.add(MAPPER.readTree(message));
            } catch (IOException e) {
                received.add(MAPPER.createObjectNode().put("unparsable", message));
            }
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            pings.incrementAndGet();
            ws.request(1);
            return null; // the JDK answers with a pong itself
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }

    /** The subprotocol the server chose; "" for none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** The texts of the frames received since the last call, whole, when subprotocols were offered. */
    public List<String> frames() {
        List<String> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    public WebSocket socket() {
        return socket;
    }

    public WsClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    /** The next message, within {@link WireClient#TIMEOUT}. */
    public JsonNode next() throws InterruptedException {
        JsonNode m = received.poll(WireClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + WireClient.TIMEOUT + (closed.isDone() ? "; closed" : ""));
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
        throw new AssertionError("no wanted message in time");
    }

    public JsonNode welcome() throws InterruptedException {
        JsonNode w = next();
        if (!"welcome".equals(w.path("cmd").asText())) {
            throw new AssertionError("expected the welcome first, got " + w);
        }
        return w;
    }

    public JsonNode authenticate(String token) throws InterruptedException {
        send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"" + token + "\"}");
        return next(m -> m.has("cmd") && !"welcome".equals(m.path("cmd").asText()));
    }

    /** Lets a client made with {@code reading} false read again. */
    public void resume() {
        socket.request(Long.MAX_VALUE);
    }

    /** The close code the server sent, waiting for it; -1 when the connection failed instead. */
    public int awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The messages queued now. */
    public List<JsonNode> queued() {
        List<JsonNode> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    public int pings() {
        return pings.get();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
