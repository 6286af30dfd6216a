package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A subscription to one controller's log (PROTOCOL.md §5, §7), on a {@link MessengerClient}: on
 * every connection it joins a private {@code log_<uuid>} channel with {@code json: true}, sets
 * the levels it was asked to, and reports every record. A reconnect resumes with {@code since}
 * the last {@code seq} seen, so nothing the controller still retains is lost; a controller that
 * says which run of its log a seq belongs to ({@code log_id}) is recognised when it restarts, and
 * then everything its new run retains is shown, after a marker. It works unchanged against plain
 * POX (no {@code seq}: no resume, no {@code test} probe) and says plainly when a controller serves
 * no log.
 *
 * <p>Every join carries the options' {@link ServerFilter} ({@code level}, {@code grep}, {@code
 * exclude}) to a controller of this project, so backlog and resume replays are filtered there; a
 * controller that refuses the patterns is joined again without them, and that is said. POX is
 * sent none, and when a backlog was asked for, the status says it keeps none. With {@link
 * SubscriptionOptions#endProbe} the first join is followed by a second subscription with the same
 * filters and a backlog of one, whose record tells where the backlog ends ({@link
 * LogListener#onBacklogEnd}); it then leaves.
 *
 * <p>Its status turns CONNECTED once the subscription is live (a {@code test} round trip after
 * the join proves it), so a record logged after that is never missed. Gap notices are believed
 * only when their counts make sense ({@link GapNotices}); others are shown marked malformed.
 *
 * <p>What it has read, and so how each join resumes, is its {@link LogPosition}'s to keep; its
 * level commands go through its {@link LevelControl}. It keeps the joins themselves, their
 * filters and the end probe, and its status.
 *
 * <p>Threads: the client's reading thread runs everything below "client thread"; {@link
 * #setLevel}, {@link #getLevels}, {@link #retry} and {@link #close} may be called from any
 * thread and never block (close waits a few seconds for the client's threads).
 */
public final class LogSubscription implements AutoCloseable {
    private final String source;
    private final SubscriptionOptions options;
    private final LogListener listener;
    private final String channel = "log_" + UUID.randomUUID();
    /** The channel of the end probe ({@link SubscriptionOptions#endProbe}): its backlog of one is where ours ends. */
    private final String probeChannel = "log_" + UUID.randomUUID();
    private final MessengerClient client;
    private final LevelControl levelControl;
    private volatile SourceStatus status;

    // client thread only
    private final LogPosition position;
    /** Whether grep and exclude are still sent; false once the controller refused them. */
    private boolean serverPatterns = true;
    /** Whether the end probe is still to report: until its first record. */
    private boolean probing;

    /** A subscription over the messenger's TCP transport on {@code host:port}. */
    public LogSubscription(String host, int port, SubscriptionOptions options, LogListener listener) {
        this(Endpoint.tcp(host, port), options, listener);
    }

    /**
     * A subscription to the controller at {@code endpoint}, over TCP or a WebSocket: the same
     * subscription either way. @throws IllegalArgumentException as {@link MessengerClient}'s
     */
    public LogSubscription(Endpoint endpoint, SubscriptionOptions options, LogListener listener) {
        this.source = endpoint.source();
        this.options = options;
        this.listener = listener;
        this.status = new SourceStatus(source, ConnectionState.CONNECTING, "", 0);
        this.client = new MessengerClient(endpoint, options.client(), new Events());
        this.levelControl = new LevelControl(source, channel, client, () -> status.state() == ConnectionState.CONNECTED);
        this.position = new LogPosition(source, listener);
    }

    public String source() {
        return source;
    }

    public SourceStatus status() {
        return status;
    }

    /** Messages to the controller refused or dropped unsent so far (level changes, mostly). */
    public long notSent() {
        return client.notSent();
    }

    public LogSubscription start() {
        client.start();
        return this;
    }

    /**
     * Sets one controller logger's level ({@code setLevels} on this subscription's channel;
     * {@code ""} is the root logger) without waiting: queued, or not sent and why. An error the
     * controller answers comes to {@link LogListener#onServerError}.
     */
    public SendResult setLevel(String logger, String level) {
        return setLevel(logger, level, 0);
    }

    /**
     * As {@link #setLevel(String, String)}, for {@code forSeconds} when above 0 (PROTOCOL.md
     * §5.4): not sent to a controller whose welcome lists no {@code level_for}, which would take
     * the level for good.
     */
    public SendResult setLevel(String logger, String level, long forSeconds) {
        return levelControl.setLevel(logger, level, forSeconds);
    }

    /**
     * Sets one logger's level as {@link #setLevel(String, String, long)} does, and says how it
     * went once the controller has acted on it: a {@code test} round trip after the change comes
     * back once it has, and the controller's answer to the change comes before it (an error, or
     * for a timed or capped change {@code levels_timed}, PROTOCOL.md §5.4). Never waits: the
     * future completes on the client's thread (or at once when nothing is sent).
     */
    public CompletableFuture<LevelOutcome> changeLevel(String logger, String level, long forSeconds) {
        return levelControl.changeLevel(logger, level, forSeconds);
    }

    /**
     * Asks the controller for its loggers' levels ({@code get_levels}); fails with a reason in
     * words when not connected, and at once when the controller cannot answer (plain POX: there
     * an unknown command on the {@code log} channel makes POX stop reading, so it is never sent).
     */
    public CompletableFuture<JsonNode> getLevels() {
        return getLevels(null, 0);
    }

    /**
     * As {@link #getLevels()}, for {@code prefix} and the loggers below it only (all when null), at
     * most {@code limit} of them (0: as many as the controller sends).
     */
    public CompletableFuture<JsonNode> getLevels(String prefix, int limit) {
        return levelControl.getLevels(prefix, limit);
    }

    /** After a refusal (a token refused or missing, the subscription refused): try again now. */
    public void retry() {
        client.retry();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Waits for the client's thread to end after {@link #close}; for tests and clean exits. */
    public void await(long timeout, TimeUnit unit) throws InterruptedException {
        client.await(timeout, unit);
    }

    private void setStatus(ConnectionState state, String detail, long retryAt) {
        SourceStatus s = new SourceStatus(source, state, detail, retryAt);
        status = s;
        listener.onStatus(s);
    }

    // ---- client thread ----

    /** The client's reports, turned into the subscription's. */
    private final class Events implements MessengerClient.Listener {
        @Override
        public void onState(SourceStatus s) {
            switch (s.state()) {
                // Connected is not subscribed: the status waits for the join's proof.
                case CONNECTING, CONNECTED -> setStatus(ConnectionState.CONNECTING, s.detail(), 0);
                default -> setStatus(s.state(), s.detail(), s.retryAtMillis());
            }
        }

        @Override
        public void onReady(Welcome w) {
            subscribe(w);
        }

        @Override
        public void onMessage(Message m) {
            if (m.channel().equals(channel)) {
                record(m.fields(), m.bytes());
            } else if (m.channel().equals(probeChannel)) {
                probed(m.fields());
            } else if (m.isError() && client.welcome() != null) {
                // Every error the controller sends is shown: none is expected, each means something.
                // (One during the handshake is the refusal or failure the status shows.)
                listener.onServerError(source, m.tree().path("error").asText(""));
            }
        }

        @Override
        public void onError(String error) {
            listener.onServerError(source, error);
        }
    }

    /**
     * The levels to set on this connection: on every one, or, timed, on the first only (a
     * reconnect must not make the time start again) and only where the welcome lists
     * {@code level_for}: a controller without it would take the levels and ignore the time.
     */
    private ObjectNode levelsFor(Welcome w, boolean first) {
        if (options.levelsFor() == 0) {
            return SubscriptionMessages.setLevels(channel, options.setLevels());
        }
        if (!first || options.setLevels().isEmpty()) {
            return null;
        }
        if (!w.has("level_for")) {
            listener.onServerError(source, "the controller does not take timed level changes (its welcome lists no "
                    + "level_for): the levels were not set");
            return null;
        }
        return SubscriptionMessages.setLevels(channel, options.setLevels(), options.levelsFor());
    }

    private void subscribe(Welcome w) {
        if (!w.servesLog()) {
            // Joining would make an ordinary channel nobody writes to: say so, and wait on the
            // open connection (a restart with the log service ends it, and the next one subscribes).
            setStatus(ConnectionState.NO_LOG_SERVICE, "start the controller with messenger.log_service", 0);
            return;
        }
        boolean first = position.first();
        // grep and exclude only where the welcome says they are understood: an older controller of
        // ours would take the join and ignore them, and its backlog would come unfiltered.
        ObjectNode join = SubscriptionMessages.join(channel, options.filter(), w.isPox(), serverPatterns && w.has("grep"));
        String runBefore = position.resumeWith(join, w, options.backlog());
        ObjectNode levels = levelsFor(w, first);
        if (w.isPox()) {
            // Plain POX logs a test probe at INFO on every connect and answers no error: the join
            // and levels are sent, and that is as sure as POX lets us be.
            client.send(join);
            if (levels != null) {
                client.send(levels);
            }
            setStatus(ConnectionState.CONNECTED, first && options.backlog() > 0
                    ? "a POX controller keeps no backlog: records from now on only" : position.report(), 0);
            if (first && options.endProbe()) {
                listener.onBacklogEnd(source, -1);
            }
            return;
        }
        // The join has no reply: its XID only marks an error. The probe after it (and after the
        // levels) comes back once the controller has acted on both: then the subscription is live.
        CompletableFuture<ObjectNode> joinError = client.request(join);
        if (levels != null) {
            client.send(levels);
        }
        probing = first && options.endProbe() && options.backlog() > 0;
        if (probing) {
            // The backlog comes a slice at a time, and nothing says when it is all sent. A second
            // subscription, joined after ours with the same filters and a backlog of one, gets the
            // newest record that passes them: ours has sent its whole backlog once that one comes.
            client.send(SubscriptionMessages.join(probeChannel, options.filter(), false, serverPatterns).put("backlog", 1));
        }
        client.request(SubscriptionMessages.test(channel)).whenComplete((r, e) -> {
            if (joinError.isCompletedExceptionally()) {
                Throwable why = joinError.handle((x, t) -> t).join();
                if (why instanceof ServerErrorException) {
                    if (refusedPatterns(why.getMessage())) {
                        // An RE2 the viewer could not tell apart from one the controller takes (its
                        // size estimate, say): filter here only, and join again without it.
                        serverPatterns = false;
                        position.joinRefused(first, runBefore);
                        listener.onServerError(source, "the controller refused the subscription's --grep/--exclude ("
                                + why.getMessage() + "); they are applied here only, after the backlog");
                        subscribe(w);
                        return;
                    }
                    client.giveUp("the controller refused the subscription: " + why.getMessage());
                    return;
                }
            }
            joinError.cancel(false);
            if (e == null) {
                client.markHealthy();
                setStatus(ConnectionState.CONNECTED, position.report(), 0);
                if (first && options.endProbe() && options.backlog() == 0) {
                    listener.onBacklogEnd(source, -1); // no backlog asked: it ends before it begins
                }
            }
            // else the connection ended before the answer: the client says so
        });
    }

    private boolean refusedPatterns(String error) {
        return serverPatterns && options.filter().hasPatterns() && error != null
                && (error.contains("'grep'") || error.contains("'exclude'"));
    }

    /** A record of the end probe: the first says where the backlog ends; the probe then leaves. */
    private void probed(MessageFields f) {
        if (!probing || f.seq < 0) {
            return;
        }
        probing = false;
        client.send(SubscriptionMessages.leave(probeChannel));
        listener.onBacklogEnd(source, f.seq);
    }

    private void record(MessageFields f, byte[] bytes) {
        if (position.record(f, bytes) && status.state() == ConnectionState.CONNECTED) {
            setStatus(ConnectionState.CONNECTED, position.report(), 0);
        }
    }
}
