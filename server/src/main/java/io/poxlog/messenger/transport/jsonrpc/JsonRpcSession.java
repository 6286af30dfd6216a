package io.poxlog.messenger.transport.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.http.HttpSession;
import io.poxlog.messenger.transport.http.HttpSessions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One JSON-RPC session (PROTOCOL.md §11.2): its messages out numbered 0, 1, 2, … and kept until a
 * {@code poll} acknowledges them, one poll waiting at a time; its {@code send}s taken in
 * {@code seq} order, later ones held until the gap fills (POX's release fixed), repeats answered
 * and not delivered again. Results are handed back as the JSON of the call's {@code result}.
 *
 * <p>Threads: the web server's I/O threads (calls), the nexus and the log service (output), the
 * sessions' timer (waits): all under the session's lock ({@link HttpSession}).
 */
final class JsonRpcSession extends HttpSession {
    private record Poll(long seq, int max, Consumer<byte[]> done, ScheduledFuture<?> timer) {
    }

    private final HttpSessions<JsonRpcSession> sessions;
    private final int maxHeld;
    private final Duration pollWait;
    private long sentUpTo;
    private Poll waiting;
    private boolean based;
    private long expected;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private int heldMessages;
    private final Duration startHold;
    private ScheduledFuture<?> startTimer;

    /** How far the first {@code send} may be ahead of 0 and still wait for the ones before it. */
    static final int START_WINDOW = 8;

    JsonRpcSession(HttpSessions<JsonRpcSession> sessions, long number, int maxHeld, Duration pollWait,
                   Duration startHold) {
        super(sessions, "JSONRPCConnection", number);
        this.sessions = sessions;
        this.maxHeld = maxHeld;
        this.pollWait = pollWait;
        this.startHold = startHold;
    }

    // ---- poll

    /** {@code seq} null: from the one after the last sent; {@code max}: at most that many messages. */
    synchronized void poll(Long seq, int max, Consumer<byte[]> done) {
        if (closed()) {
            done.accept(failure("quit"));
            return;
        }
        requestBegan();
        long s = seq == null ? sentUpTo : seq;
        if (s < firstKept()) {
            requestEnded();
            done.accept(failure("expired"));
            return;
        }
        if (s <= end()) {
            acknowledgeBelow(s); // past the last sent acknowledges nothing
        }
        if (s < end()) {
            answer(s, max, done);
            return;
        }
        if (waiting != null) {
            Poll old = waiting;
            waiting = null;
            old.timer.cancel(false);
            answer(old.seq, 0, old.done); // as if its wait had ended
        }
        waiting = new Poll(s, max, done, sessions.schedule(() -> pollEnded(done), pollWait));
    }

    /** The client of a waiting poll went away: it gets nothing, and nothing more is acknowledged. */
    synchronized void abandon(Consumer<byte[]> done) {
        if (waiting != null && waiting.done == done) {
            waiting.timer.cancel(false);
            waiting = null;
            requestEnded();
        }
    }

    synchronized boolean polling() {
        return waiting != null;
    }

    private synchronized void pollEnded(Consumer<byte[]> done) {
        if (waiting != null && waiting.done == done) {
            Poll p = waiting;
            waiting = null;
            answer(p.seq, p.max, p.done);
        }
    }

    /** Messages from {@code from} on, at most {@code max} of them (0: none, an empty answer). */
    private void answer(long from, int max, Consumer<byte[]> done) {
        int count = from < end() && max > 0 ? fitting(from, max) : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(("{\"seq\":" + from + ",\"messages\":[").getBytes(StandardCharsets.US_ASCII));
        if (count > 0) {
            acknowledgeBelow(from);
            writeMessages(out, from, from + count);
            sentUpTo = Math.max(sentUpTo, from + count);
        }
        out.writeBytes(("],\"session\":\"" + key() + "\"}").getBytes(StandardCharsets.US_ASCII));
        requestEnded();
        done.accept(out.toByteArray());
        handedOut(from + count);
    }

    private byte[] failure(String why) {
        return ("{\"messages\":[],\"failure\":\"" + why + "\",\"seq\":" + (sentUpTo - 1) + ",\"session\":\"" + key() + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void outputReady() {
        if (waiting != null && waiting.seq < end()) {
            Poll p = waiting;
            waiting = null;
            p.timer.cancel(false);
            answer(p.seq, p.max, p.done);
        }
    }

    @Override
    protected void closedWhileWaiting() {
        if (waiting != null) {
            Poll p = waiting;
            waiting = null;
            p.timer.cancel(false);
            requestEnded();
            p.done.accept(failure("quit"));
        }
    }

    // ---- send

    /** Messages held for a gap; {@code done} is the send's answer when it is still owed (at the start), else null. */
    private record Held(List<JsonNode> messages, Consumer<byte[]> done) {
    }

    /**
     * Delivers {@code messages} in {@code seq} order (null: at once, unchecked); {@code done} is
     * given the result once they have been handled, or at once when they are held or a repeat.
     * The first {@code seq} sets the base (POX), but a first one of 1 to {@link #START_WINDOW}
     * waits, unanswered, up to {@code startHold} for the ones before it from 0: POXDesk numbers
     * from 0 and has several sends in flight at once, and a second arriving first would otherwise
     * make the first a "repeat" and lose it.
     *
     * @throws RpcError when holding them would pass the bound of held messages
     */
    synchronized void send(Long seq, List<JsonNode> messages, Consumer<byte[]> done) throws RpcError {
        if (closing()) {
            throw new RpcError(RpcError.NO_SUCH_SESSION, "No such session");
        }
        if (seq == null) {
            requestBegan();
            long ack = based ? expected : 0;
            deliver(messages, () -> ended(done, true, ack));
            return;
        }
        if (!based && seq >= 1 && seq <= START_WINDOW && !startHold.isZero()) {
            if (held.containsKey(seq)) {
                done.accept(result(false, 0)); // waiting already
                return;
            }
            hold(seq, messages, done);
            requestBegan();
            if (startTimer == null) {
                startTimer = sessions.schedule(this::startHoldEnded, startHold);
            }
            return;
        }
        if (!based) {
            based = true;
            expected = seq;
            if (startTimer != null) {
                startTimer.cancel(false);
            }
        }
        if (seq == expected) {
            requestBegan();
            release(messages, done);
        } else if (seq < expected) {
            done.accept(result(true, expected)); // a repeat: taken already, not delivered again
        } else if (held.containsKey(seq)) {
            done.accept(result(false, expected)); // held already
        } else {
            hold(seq, messages, null);
            done.accept(result(false, expected));
        }
    }

    private void hold(long seq, List<JsonNode> messages, Consumer<byte[]> owed) throws RpcError {
        if (heldMessages + messages.size() > maxHeld) {
            throw new RpcError(RpcError.INVALID_PARAMS, "this session holds " + heldMessages + " messages waiting "
                    + "for send " + expected + ", and may hold " + maxHeld + ": send " + seq + " is refused, the "
                    + "session unchanged");
        }
        held.put(seq, new Held(List.copyOf(messages), owed));
        heldMessages += messages.size();
    }

    /** Delivers the expected send and every held one that follows it, then answers each still owed. */
    private void release(List<JsonNode> messages, Consumer<byte[]> done) {
        List<JsonNode> all = new ArrayList<>(messages);
        List<Consumer<byte[]>> owed = new ArrayList<>();
        expected++;
        for (Held h = held.remove(expected); h != null; h = held.remove(expected)) {
            heldMessages -= h.messages.size();
            all.addAll(h.messages);
            if (h.done != null) {
                owed.add(h.done);
            }
            expected++;
        }
        long ack = expected;
        deliver(all, () -> {
            if (done != null) {
                ended(done, true, ack);
            }
            for (Consumer<byte[]> o : owed) {
                ended(o, true, ack);
            }
        });
    }

    /** No send 0 came in time: the lowest held sets the base, and what cannot follow it is answered held. */
    private synchronized void startHoldEnded() {
        if (based || held.isEmpty()) {
            return;
        }
        based = true;
        expected = held.firstKey();
        Held first = held.remove(expected);
        heldMessages -= first.messages.size();
        release(first.messages, first.done);
        for (var e : held.entrySet()) {
            Consumer<byte[]> owed = e.getValue().done;
            if (owed != null) {
                e.setValue(new Held(e.getValue().messages, null));
                requestEnded();
                owed.accept(result(false, expected));
            }
        }
    }

    private void ended(Consumer<byte[]> done, boolean ok, long ack) {
        synchronized (this) {
            requestEnded();
        }
        done.accept(result(ok, ack));
    }

    private byte[] result(boolean ok, long ack) {
        return ("{\"ok\":" + ok + ",\"ack\":" + ack + ",\"session\":\"" + key() + "\"}").getBytes(StandardCharsets.US_ASCII);
    }
}
