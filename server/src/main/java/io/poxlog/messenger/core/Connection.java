package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * One client (or dialled peer) of the messenger, as a transport presents it to the nexus.
 *
 * <p>Threads, for every transport (this is the one place that says it):
 * <ul>
 *   <li>{@link #send}, {@link #sendEncoded(byte[])}, {@link #sendAndClose}, {@link #close} and
 *       {@link #isOpen}: any thread. The transport keeps the order of the sends made from one
 *       thread.</li>
 *   <li>The batch: {@link #sendEncoded(byte[], byte[], boolean)} (and
 *       {@link #sendEncoded(byte[], byte[])}, which flushes it), {@link #flush} and
 *       {@link #isWritable} (which counts it): one thread at a time, the one that fills it (the log
 *       service's turns, on its own thread or on this connection's {@link #ioExecutor}). It owns the batch from its first send to its flush; the transports check that
 *       with assertions on. Its batched sends wait until its flush, so an unbatched send of the
 *       same thread overtakes them: flush first where the order matters (an error after records).</li>
 *   <li>The set of joined channels, and the other state marked so: the nexus thread alone.</li>
 * </ul>
 */
public abstract class Connection {
    private final String sessionId;
    private volatile boolean newlines;
    private volatile String peerSessionId;
    /** Null until the connection may do anything: authenticated, or let in because no tokens exist. */
    private volatile Role role;
    private volatile InetAddress remoteAddress;
    /** The name the tokens file gives the token it authenticated with, or null. */
    private volatile String tokenName;
    /** A token's grant the transport had before the connection existed ({@link Nexus#checkToken}), or null. */
    private volatile AccessTokens.Grant grantedBeforeWelcome;
    /** Refused authentication attempts over the connection's life, never reset; nexus thread only. */
    int authFailures;
    /** Channels this connection has joined; touched by the nexus thread only. */
    final Set<Channel> channels = new LinkedHashSet<>();
    /** Channels it invited bots into that nobody has joined yet ({@link UnjoinedChannels}); nexus thread only. */
    final Set<Channel> owned = new LinkedHashSet<>();
    /** Bots it invited that are still running, in any channel; nexus thread only. */
    int invitedBots;
    /** The channels those bots run in ({@link Channel#invited}); nexus thread only. */
    final Set<Channel> invitedInto = new LinkedHashSet<>();

    protected Connection(String sessionId) {
        this.sessionId = sessionId;
    }

    /** The unguessable id this server gave the connection in its welcome. */
    public final String sessionId() {
        return sessionId;
    }

    /** Whether each object sent is followed by a newline ({@code {"newlines": true}}). */
    public final boolean newlines() {
        return newlines;
    }

    public final void setNewlines(boolean newlines) {
        this.newlines = newlines;
    }

    /** For a connection we dialled: the session id the remote messenger welcomed us with. */
    public final String peerSessionId() {
        return peerSessionId;
    }

    final void setPeerSessionId(String id) {
        this.peerSessionId = id;
    }

    /** The peer's address, for limits per source address; null when the transport has none. */
    public final InetAddress remoteAddress() {
        return remoteAddress;
    }

    /** Set by the transport before it reports the connection to the nexus. */
    public final void setRemoteAddress(InetAddress address) {
        this.remoteAddress = address;
    }

    /**
     * Set by the transport before it reports the connection to the nexus, with what
     * {@link Nexus#checkToken} accepted: the connection then has that role from its welcome on,
     * which is followed by {@code authenticated} (PROTOCOL.md §9.3).
     */
    public final void grantBeforeWelcome(AccessTokens.Grant grant) {
        this.grantedBeforeWelcome = grant;
    }

    final AccessTokens.Grant grantedBeforeWelcome() {
        return grantedBeforeWelcome;
    }

    /** Whether the connection has joined any channel. Nexus thread only. */
    public final boolean inAnyChannel() {
        return !channels.isEmpty();
    }

    /** What this connection may do; null while it has not authenticated. */
    public final Role role() {
        return role;
    }

    /** Whether the connection has passed the handshake (or none was required). */
    public final boolean authenticated() {
        return role != null;
    }

    final void setRole(Role role) {
        this.role = role;
    }

    /**
     * The name the tokens file gives the token this connection authenticated with (its optional
     * third column), for audit records; null when it gives none or no token was needed. Never
     * the token itself.
     */
    public final String tokenName() {
        return tokenName;
    }

    final void setTokenName(String name) {
        this.tokenName = name;
    }

    /**
     * Refuses {@code action} unless this connection has the {@code needed} right.
     *
     * @throws RequestException naming the action, the missing right and the right it has
     */
    public final void require(Role needed, String action) {
        Role r = role;
        if (r == null || !r.allows(needed)) {
            throw new RequestException(action + " needs the '" + needed.wireName() + "' right; this connection has "
                    + (r == null ? "not authenticated" : "only '" + r.wireName() + "'"));
        }
    }

    /** True for connections this messenger opened itself (the active transport). */
    public boolean dialled() {
        return false;
    }

    /** Sends one message; it is encoded here, on the caller's thread. */
    public void send(JsonNode message) {
        sendEncoded(Json.encode(message));
    }

    /** Sends one already encoded JSON object. */
    public abstract void sendEncoded(byte[] object);

    /**
     * Sends one JSON object made of two byte runs written back to back, so that a shared encoded
     * body can be reused for many connections with a per-connection head (fan-out).
     */
    public void sendEncoded(byte[] head, byte[] body) {
        sendEncoded(head, body, true);
    }

    /**
     * As {@link #sendEncoded(byte[], byte[])}, but with {@code flush} false the bytes may wait in
     * the connection until {@link #flush()}: a sender of many messages flushes once per batch.
     */
    public abstract void sendEncoded(byte[] head, byte[] body, boolean flush);

    /**
     * As {@link #sendEncoded(byte[], byte[], boolean)} with the body {@code body[from..to)}: the
     * bytes are read, or copied, before this returns, so the caller may write over them next
     * (the log service keeps a whole drain's bodies in one buffer). Transports that batch copy
     * the range into their batch; others get a copy of it.
     */
    public void sendEncoded(byte[] head, byte[] body, int from, int to, boolean flush) {
        sendEncoded(head, from == 0 && to == body.length ? body : java.util.Arrays.copyOfRange(body, from, to), flush);
    }

    /**
     * The executor whose thread writes this connection's output, where a flush made on that thread
     * is written at once rather than handed over to it; null when there is none (the default).
     * The log service runs its turns there while every connection it writes to has the same one:
     * the bytes go to the socket from the core that just encoded them.
     */
    public Executor ioExecutor() {
        return null;
    }

    /** Pushes out whatever earlier sends left waiting. */
    public abstract void flush();

    /**
     * Whether the connection can take more output now without growing its buffer past its mark,
     * counting what earlier sends left waiting for {@link #flush()}: a sender that checks before
     * each send holds at most the mark and one message for a peer that stopped reading. Output
     * counts as waiting until the transport's I/O thread has seen it written, a moment after the
     * peer may have read it: a peer that reads every batch at once can still find the one before
     * counted, so it is never counted full only while two batches fit under the mark.
     */
    public abstract boolean isWritable();

    public abstract boolean isOpen();

    /** Closes the connection; the transport then tells the nexus. Safe to call twice. */
    public abstract void close();

    /** Sends a last message, then closes once it is written. */
    public abstract void sendAndClose(JsonNode message);

    /** A human description, POX style: {@code TCPConnection local/peer}. */
    @Override
    public abstract String toString();
}
