package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.model.LogEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscription to one controller's log (PROTOCOL.md §5, §7): connects, joins a private
 * {@code log_<uuid>} channel with {@code json: true}, sets the levels it was asked to, and
 * reports every record. When the connection drops it reconnects with backoff and resumes with
 * {@code since} the last {@code seq} it saw, so it loses nothing the server still retains; it
 * works unchanged against a plain POX server (no {@code seq}: no resume).
 *
 * <p>Over TLS when its options say so; when the controller's welcome says {@code auth_required},
 * it sends its token first (a missing or refused token is reported as a server error).
 *
 * <p>Its status turns CONNECTED once the subscription is live (a {@code test} round trip after
 * the join proves it), so a record logged after that is never missed.
 *
 * <p>Threads: one thread per subscriber, "pox-log-host:port", connects and reads; {@link #send}
 * and {@link #getLevels} may be called from any thread. {@link #close} is safe twice.
 */
public final class LogSubscriber implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Larger messages than this from a controller mean something is wrong: reconnect. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String source;
    private final SubscriberOptions options;
    private final LogListener listener;
    private final String channel = "log_" + UUID.randomUUID();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong xids = new AtomicLong();
    private final Object writeLock = new Object();
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean closed;
    private volatile SourceStatus status;
    /** Whether the controller's welcome lists {@code get_levels} (ours do; POX does not). */
    private volatile boolean reportsLevels;
    private Thread thread;

    // subscriber thread only
    private final RecordParser parser = new RecordParser();
    private long lastSeq = -1;
    private boolean everConnected;

    public LogSubscriber(String host, int port, SubscriberOptions options, LogListener listener) {
        this.host = host;
        this.port = port;
        this.source = host + ":" + port;
        this.options = options;
        this.listener = listener;
        this.status = new SourceStatus(source, SourceStatus.State.CONNECTING, "", 0, false);
    }

    public String source() {
        return source;
    }

    public SourceStatus status() {
        return status;
    }

    public synchronized LogSubscriber start() {
        if (thread == null) {
            thread = new Thread(this::run, "pox-log-" + source);
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /**
     * Sends a message to the controller; without a {@code CHANNEL} it goes to this subscriber's
     * log channel. Returns false when not connected.
     */
    public boolean send(ObjectNode msg) {
        if (!msg.has("CHANNEL")) {
            msg.put("CHANNEL", channel);
        }
        OutputStream o = out;
        if (o == null) {
            return false;
        }
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(msg);
            synchronized (writeLock) {
                o.write(bytes);
                o.flush();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks the controller for its loggers' levels ({@code get_levels}); fails when not connected,
     * and at once when the controller did not say it can (plain POX: there an unknown command on
     * the {@code log} channel makes POX stop reading the connection, so it is never sent).
     */
    public CompletableFuture<JsonNode> getLevels() {
        if (!reportsLevels) {
            return CompletableFuture.failedFuture(new IOException(source + " does not report its levels (no get_levels)"));
        }
        long xid = xids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(xid, f);
        f.whenComplete((r, e) -> pending.remove(xid));
        ObjectNode req = MAPPER.createObjectNode().put("CHANNEL", "log").put("cmd", "get_levels").put("XID", xid);
        if (!send(req)) {
            f.completeExceptionally(new IOException(source + " is not connected"));
        }
        return f;
    }

    /**
     * Sets one controller logger's level ({@code setLevels} on this subscriber's channel);
     * {@code ""} is the root logger. Returns false when not connected.
     */
    public boolean setLevel(String logger, String level) {
        ObjectNode msg = MAPPER.createObjectNode();
        PoxLevels.put(msg.putObject("setLevels"), logger, level);
        return send(msg);
    }

    @Override
    public void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        setStatus(SourceStatus.State.CLOSED, "", 0);
    }

    private void run() {
        long delay = options.firstRetry().toMillis();
        while (!closed) {
            setStatus(SourceStatus.State.CONNECTING, "", 0);
            String reason;
            try (Socket raw = new Socket()) {
                socket = raw;
                raw.connect(new InetSocketAddress(host, port), 10_000);
                raw.setTcpNoDelay(true);
                Socket s = options.tls() == null ? raw : options.tls().wrap(raw, host, port);
                socket = s;
                out = s.getOutputStream();
                delay = options.firstRetry().toMillis();
                session(s);
                reason = "connection closed by the controller";
            } catch (IOException e) {
                reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                out = null;
                socket = null;
                pending.values().forEach(f -> f.completeExceptionally(new IOException(source + " disconnected")));
            }
            if (closed) {
                break;
            }
            long retryAt = System.currentTimeMillis() + delay;
            setStatus(SourceStatus.State.RECONNECTING, reason, retryAt);
            try {
                Thread.sleep(delay); // the reconnect backoff itself, not a test wait
            } catch (InterruptedException e) {
                break;
            }
            delay = Math.min(delay * 2, options.maxRetry().toMillis());
        }
        setStatus(SourceStatus.State.CLOSED, "", 0);
    }

    /** One connection: subscribe, then read until it ends. */
    private void session(Socket s) throws IOException {
        Session session = new Session(lastSeq, everConnected);
        everConnected = true;
        JsonObjectSplitter in = new JsonObjectSplitter(s.getInputStream(), MAX_MESSAGE_BYTES);
        byte[] bytes;
        while ((bytes = in.next()) != null) {
            // Records (nearly everything) are read field by field; the rest as trees.
            String ch = parser.parse(bytes);
            if (ch.equals(channel)) {
                record(parser.entry(source, bytes, System.currentTimeMillis() / 1000.0), session);
            } else {
                handle((ObjectNode) MAPPER.readTree(bytes), session);
            }
        }
    }

    /** What one connection has seen, for the resume report. */
    private final class Session {
        final long resumedFrom;
        final boolean reconnect;
        final long connectedAt = System.currentTimeMillis();
        boolean resumable;
        long recovered;
        long lost;

        Session(long resumedFrom, boolean reconnect) {
            this.resumedFrom = resumedFrom;
            this.reconnect = reconnect;
        }

        String report() {
            if (!reconnect) {
                return "";
            }
            if (!resumable) {
                return "reconnected; this server cannot resume, records logged meanwhile are missing";
            }
            return "resumed: " + recovered + " recovered" + (lost > 0 ? ", " + lost + " lost" : "");
        }
    }

    private void handle(ObjectNode msg, Session session) {
        String ch = msg.path("CHANNEL").asText("");
        if (ch.isEmpty()) {
            String cmd = msg.path("cmd").asText("");
            if (cmd.equals("welcome")) {
                welcomed(msg, session);
            } else if (msg.has("test") && msg.get("test").asText().equalsIgnoreCase(channel)) {
                // The answer to the probe sent after the join: the subscription is live.
                setStatus(SourceStatus.State.CONNECTED, session.report(), 0);
            } else if (cmd.equals("error")) {
                listener.onServerError(source, msg.path("error").asText());
                failPending(msg);
            }
            return;
        }
        if (ch.equals("log") && msg.has("XID") && msg.has("levels")) {
            CompletableFuture<JsonNode> f = pending.get(msg.get("XID").asLong());
            if (f != null) {
                f.complete(msg.get("levels"));
            }
            return;
        }
        if (ch.equals(channel)) {
            record(LogEntry.from(source, msg, System.currentTimeMillis() / 1000.0), session);
        }
    }

    private void record(LogEntry e, Session session) {
        if (e.seq() >= 0) {
            session.resumable = true;
            lastSeq = e.seq();
            if (session.reconnect && e.created() * 1000 < session.connectedAt) {
                session.recovered++;
                setStatus(SourceStatus.State.CONNECTED, session.report(), 0);
            }
        }
        if (e.isGapNotice() && session.reconnect) {
            session.lost += e.dropped();
            setStatus(SourceStatus.State.CONNECTED, session.report(), 0);
        }
        listener.onRecord(e);
    }

    private void failPending(ObjectNode error) {
        JsonNode xid = error.get("XID");
        if (xid != null) {
            CompletableFuture<JsonNode> f = pending.get(xid.asLong());
            if (f != null) {
                f.completeExceptionally(new IOException(error.path("error").asText()));
            }
        }
    }

    private void welcomed(ObjectNode welcome, Session session) {
        if (welcome.path("auth_required").asBoolean(false)) {
            if (options.token() == null) {
                // Joining would only be refused; the controller closes us after its handshake timeout.
                listener.onServerError(source, "the controller requires a token; give one with --token-file or "
                        + ClientToken.ENV);
                return;
            }
            // First, before anything else: the controller refuses everything until it has it.
            send(ClientToken.request(options.token()));
        }
        JsonNode features = welcome.get("features");
        boolean canResume = hasFeature(features, "since");
        reportsLevels = hasFeature(features, "get_levels");
        session.resumable = canResume;
        ObjectNode join = MAPPER.createObjectNode();
        join.put("CHANNEL", "");
        join.put("cmd", "join_channel");
        join.put("channel", channel);
        join.put("json", true);
        if (session.reconnect && canResume && session.resumedFrom >= 0) {
            join.put("since", session.resumedFrom);
        } else if (!session.reconnect && options.backlog() > 0) {
            join.put("backlog", options.backlog());
        }
        send(join);
        if (!options.setLevels().isEmpty()) {
            ObjectNode levels = MAPPER.createObjectNode();
            levels.put("CHANNEL", channel);
            ObjectNode map = levels.putObject("setLevels");
            options.setLevels().forEach((logger, level) -> PoxLevels.put(map, logger, level));
            send(levels);
        }
        if (features == null) {
            // Plain POX: it would log the probe below at INFO on every connect; the join is
            // sent, and that is as sure as POX lets us be.
            setStatus(SourceStatus.State.CONNECTED, session.report(), 0);
            return;
        }
        // The server answers in order: once this comes back, the join (and levels) took effect.
        send(MAPPER.createObjectNode().put("CHANNEL", "").put("test", channel));
    }

    private static boolean hasFeature(JsonNode features, String name) {
        if (features != null && features.isArray()) {
            for (JsonNode f : features) {
                if (name.equals(f.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void setStatus(SourceStatus.State state, String detail, long retryAt) {
        SourceStatus s = new SourceStatus(source, state, detail, retryAt, status.resumable() || state == SourceStatus.State.CONNECTED && lastSeq >= 0);
        status = s;
        listener.onStatus(s);
    }

    /** Waits for the subscriber thread to end after {@link #close}; for tests and clean exits. */
    public void await(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(unit.toMillis(timeout));
        }
    }
}
