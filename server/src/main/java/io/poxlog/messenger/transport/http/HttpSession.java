package io.poxlog.messenger.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.ErrorMessages;
import io.poxlog.messenger.core.InboundRateLimit;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.SessionIds;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * A messenger {@link Connection} whose client comes and goes by HTTP requests (the comet and
 * JSON-RPC transports): its output is a bounded, numbered queue that the client's requests for
 * messages take from ({@link OutQueue}), and its input the messages its requests carry, handed to
 * the nexus in order, within a TCP connection's rate limit.
 *
 * <p>Threads: every sending method may be called from any thread (the nexus's, the log
 * service's); one lock, the session's own monitor, keeps the queue, the waiting request and the
 * session's state, so sends from one thread keep their order. The batch of the log service's
 * write path ({@code sendEncoded(head, body, false)} then {@link #flush}) joins the queue at once
 * and wakes a waiting request only at {@link #flush}. {@link #isWritable} is false while the
 * queue holds its high-water mark or more (the log service then drops for this session alone and
 * tells it with a gap notice); past {@code maxPendingBytes} the client has stopped fetching, and
 * the session is closed, as a TCP connection that stopped reading. Subclasses keep the same lock:
 * their hooks ({@link #outputReady}, {@link #closedWhileWaiting}) run with it held.
 */
public abstract class HttpSession extends Connection {
    private final HttpSessions<?> host;
    private final HttpSessionSettings settings;
    private final String name;
    private final OutQueue queue = new OutQueue();
    private final InboundRateLimit rate;
    private final long createdAt = System.nanoTime();
    private boolean closing;
    private boolean closed;
    private boolean unflushed;
    private int activeRequests;
    private long lastRequestEnd = createdAt;
    private volatile long lastMessageAt = createdAt;
    private boolean handshakeExpired;
    /** When the idle rule may look again at a quiet session that is in a channel; sweeper only. */
    private long nextIdleLook = createdAt;

    protected HttpSession(HttpSessions<?> host, String kind, long number) {
        super(SessionIds.next());
        this.host = host;
        this.settings = host.settings();
        this.rate = new InboundRateLimit(settings.limits().messagesPerSecond(), settings.limits().messageBurst());
        // Never the key: it is the session's credential, and services show names to others (§9.3).
        this.name = kind + " #" + number;
    }

    /** The session key: its id, which its client names in every request. */
    public final String key() {
        return sessionId();
    }

    /** The key as the log may show it: its first 4 characters (PROTOCOL.md §9.3). */
    public final String shortKey() {
        return sessionId().substring(0, 4) + "...";
    }

    protected final HttpSessionSettings settings() {
        return settings;
    }

    // ---- output: any thread

    /** {@code newlines} changes nothing here: every answer is one JSON document. */
    @Override
    public final void sendEncoded(byte[] object) {
        synchronized (this) {
            if (add(object)) {
                outputReady();
            }
        }
    }

    @Override
    public final void sendEncoded(byte[] head, byte[] body, boolean flush) {
        synchronized (this) {
            if (add(head, body)) {
                if (flush) {
                    unflushed = false;
                    outputReady();
                } else {
                    unflushed = true;
                }
            }
        }
    }

    @Override
    public final void flush() {
        synchronized (this) {
            if (unflushed && !closed) {
                unflushed = false;
                outputReady();
            }
        }
    }

    private boolean add(byte[]... parts) {
        if (closed || closing) {
            return false;
        }
        queue.add(parts);
        if (queue.bytes() > settings.maxPendingBytes()) {
            host.log().warn("{} stopped fetching its messages: {} bytes wait for it; closing it", this, queue.bytes());
            closeLocked("it stopped fetching its messages");
            return false;
        }
        return true;
    }

    @Override
    public final boolean isWritable() {
        synchronized (this) {
            return queue.bytes() < settings.writeHighWaterMark();
        }
    }

    @Override
    public final boolean isOpen() {
        synchronized (this) {
            return !closed;
        }
    }

    @Override
    public final void close() {
        synchronized (this) {
            closeLocked("closed by the server");
        }
    }

    /**
     * Queues a last message; the session closes once a request has taken it, or after
     * {@link HttpSessions#LINGER} when none comes for it.
     */
    @Override
    public final void sendAndClose(JsonNode message) {
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            queue.add(Json.encode(message));
            closing = true;
            outputReady();
            if (!closed) {
                host.closeLater(this);
            }
        }
    }

    // ---- for subclasses, with the lock held

    /** Messages are waiting (or the session is closing): answer a waiting request now. Lock held. */
    protected abstract void outputReady();

    /** The session has closed: answer a waiting request as the protocol says. Lock held. */
    protected abstract void closedWhileWaiting();

    protected final boolean closed() {
        return closed;
    }

    /** Whether the session takes no more output: closed, or closing after a last message. */
    protected final boolean closing() {
        return closing || closed;
    }

    protected final long firstKept() {
        return queue.first();
    }

    /** The number of the next message queued: messages below it and from {@link #firstKept} on are kept. */
    protected final long end() {
        return queue.end();
    }

    protected final int fitting(long from, int maxCount) {
        return queue.fitting(from, settings.maxBatchBytes(), maxCount);
    }

    protected final void writeMessages(ByteArrayOutputStream out, long from, long to) {
        queue.writeTo(out, from, to);
    }

    protected final void acknowledgeBelow(long n) {
        queue.acknowledgeBelow(n);
    }

    /** Messages up to {@code to} have been handed to the client: a closing session is done once all are. */
    protected final void handedOut(long to) {
        if (closing && !closed && to >= queue.end()) {
            closeLocked("its last message was fetched");
        }
    }

    /** Closes the session: its waiting request is answered, the nexus told. Safe twice. Lock held. */
    protected final void closeLocked(String why) {
        if (closed) {
            return;
        }
        closed = true;
        int dropped = queue.isEmpty() ? 0 : (int) (queue.end() - queue.first());
        queue.clear();
        closedWhileWaiting();
        host.closed(this, why, dropped);
    }

    // ---- input, with the lock held (so that requests hand their messages over in order)

    /**
     * Hands {@code messages} to the nexus in order, within the session's rate limit (over it:
     * dropped with one error a second; far over it, the session is closed), then runs
     * {@code afterHandled} on the nexus thread once they all have been handled. Lock held.
     */
    protected final void deliver(List<JsonNode> messages, Runnable afterHandled) {
        lastMessageAt = System.nanoTime();
        for (JsonNode m : messages) {
            if (closed || closing) {
                break;
            }
            if (!(m instanceof ObjectNode o)) {
                refuse("a message is a JSON object, not " + Json.preview(m), false);
                continue;
            }
            switch (rate.onMessage()) {
                case ACCEPT -> host.nexus().received(this, o);
                case DROP_AND_WARN -> refuse("more than " + rate.perSecond() + " messages per second, this "
                        + "session's limit: messages over it are dropped", false);
                case DROP -> {
                    // told at the start of this second
                }
                case CLOSE -> refuse("still sending far over the limit of " + rate.perSecond()
                        + " messages per second; closing the session", true);
            }
        }
        if (afterHandled != null) {
            host.nexus().execute(afterHandled);
        }
    }

    /** A request that only keeps the session alive (a comet poke) counts as a message for the idle rule. Lock held. */
    protected final void poked() {
        lastMessageAt = System.nanoTime();
    }

    /** Sends an error (PROTOCOL.md §6) through the nexus, so that it keeps its place after earlier replies. */
    protected final void refuse(String text, boolean close) {
        host.nexus().execute(() -> {
            ObjectNode error = ErrorMessages.of(null, null, text);
            if (close) {
                sendAndClose(error);
            } else {
                send(error);
            }
        });
    }

    /**
     * Authenticates the session with a token from the request that made it (an
     * {@code Authorization: Bearer} header, PROTOCOL.md §9.3), as its first message would, then
     * tells {@code then}, on the nexus thread, whether it worked. Call right after making it.
     */
    public final void authenticate(String token, java.util.function.Consumer<Boolean> then) {
        host.nexus().received(this, Json.object().put("CHANNEL", "").put("cmd", "auth").put("token", token));
        host.nexus().execute(() -> then.accept(authenticated()));
    }

    // ---- requests and timers

    /** A request naming this session began. Lock held. */
    protected final void requestBegan() {
        activeRequests++;
    }

    /** A request naming this session ended (answered or abandoned); the expiry counts from here. Lock held. */
    protected final void requestEnded() {
        activeRequests = Math.max(0, activeRequests - 1);
        lastRequestEnd = System.nanoTime();
    }

    /** The sweeper's look at this session; any thread, takes the lock. */
    final void sweep(long now, boolean authRequired) {
        Duration handshake = settings.limits().handshakeTimeout();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (activeRequests == 0 && now - lastRequestEnd >= settings.expiry().toNanos()) {
                host.log().debug("{}: no request for {} s; closing it", this, settings.expiry().toSeconds());
                closeLocked("no request for " + settings.expiry().toSeconds() + " s");
                return;
            }
            if (closing) {
                return;
            }
            if (authRequired && !authenticated() && !handshakeExpired && now - createdAt >= handshake.toNanos()) {
                handshakeExpired = true;
                refuse("no authentication within " + HttpSessions.describe(handshake) + "; closing the session", true);
                return;
            }
        }
        long idle = settings.limits().idleTimeout().toNanos();
        if (idle > 0 && now - lastMessageAt >= idle && now - nextIdleLook >= 0) {
            nextIdleLook = now + idle; // a member stays; it is looked at again one idle time later
            host.nexus().execute(() -> {
                boolean member = inAnyChannel() || peerSessionId() != null;
                if (!member && System.nanoTime() - lastMessageAt >= idle) {
                    sendAndClose(ErrorMessages.of(null, null, "nothing sent for "
                            + HttpSessions.describe(settings.limits().idleTimeout())
                            + " and no channel joined, the idle limit; closing the session"));
                }
            });
        }
    }

    /** Whether the session is past the time a closing one may wait for its last message to be fetched. */
    final synchronized void lingerEnded() {
        closeLocked("its last message was not fetched");
    }

    @Override
    public final String toString() {
        return name;
    }
}
