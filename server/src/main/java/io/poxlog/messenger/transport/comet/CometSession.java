package io.poxlog.messenger.transport.comet;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.http.HttpSession;
import io.poxlog.messenger.transport.http.HttpSessions;
import io.poxlog.web.WebExchange;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One comet session (PROTOCOL.md §10): its messages out go in numbered batches, one GET waiting at
 * a time, each batch kept until the client shows it has it (§10.4's lost-answer fix); its POSTs
 * are taken in {@code seq} order, one that comes early held a moment for the ones before it
 * (§10.3's fix).
 *
 * <p>Threads: the web server's I/O threads (requests), the nexus and the log service (output),
 * the sessions' timer (waits): all under the session's lock ({@link HttpSession}).
 */
final class CometSession extends HttpSession {
    /** POX's numbers wrap from 0x7fffffff to 0, both ways. */
    static final int MAX_SEQ = 0x7fffffff;

    /** One answer's messages, {@code from} to {@code to}, numbered {@code n}. */
    private static final class Batch {
        final int n;
        final long from;
        final long to;
        Boolean written; // how its last sending went; null: on its way
        int sendings; // an earlier sending's outcome, told late, must not hide the last one's

        Batch(int n, long from, long to) {
            this.n = n;
            this.from = from;
            this.to = to;
        }
    }

    private record Waiting(WebExchange exchange, ScheduledFuture<?> timer) {
    }

    private record Held(WebExchange exchange, int seq, List<JsonNode> data, ScheduledFuture<?> timer) {
    }

    private final HttpSessions<CometSession> sessions;
    private final CometAnswers answers;
    private final CometSettings cometSettings;
    private final Duration pollWait;
    // out
    private final ArrayDeque<Batch> kept = new ArrayDeque<>();
    private int nextN;
    private int lastConfirmed = -1; // -1: none yet
    private long batchedUpTo;
    private Waiting waiting;
    // in
    private boolean based;
    private int expected;
    private final Map<Integer, Held> held = new HashMap<>();

    CometSession(HttpSessions<CometSession> sessions, long number, CometAnswers answers, CometSettings settings,
                 Duration pollWait) {
        super(sessions, "HTTPConnection", number);
        this.sessions = sessions;
        this.answers = answers;
        this.cometSettings = settings;
        this.pollWait = pollWait;
    }

    static int next(int seq) {
        return seq == MAX_SEQ ? 0 : seq + 1;
    }

    /** How far {@code seq} is ahead of {@code from}, counting around the wrap. */
    private static long ahead(int seq, int from) {
        return Math.floorMod((long) seq - from, (long) MAX_SEQ + 1);
    }

    // ---- GET: messages out

    /** {@code confirmed}: the client's {@code X-POX-Messenger-Sequence-Number}, or null. */
    synchronized void get(WebExchange e, Integer confirmed) {
        if (closed()) {
            e.respond(answers.error(404, "no session " + shortKey() + ": it has closed"));
            return;
        }
        requestBegan();
        if (confirmed != null) {
            if (!confirmThrough(confirmed)) {
                requestEnded();
                e.respond(answers.error(400, CometAnswers.SEQUENCE_HEADER + " " + confirmed + " is not an answer "
                        + "this session can send again after: it keeps " + (kept.isEmpty() ? "none"
                        : "answers " + kept.peekFirst().n + " to " + kept.peekLast().n)
                        + (lastConfirmed < 0 ? "" : ", and the last one confirmed is " + lastConfirmed)));
                return;
            }
        } else {
            confirmWritten();
        }
        if (!kept.isEmpty()) {
            answer(e, kept.peekFirst()); // it was lost: the same batch, the same number
            return;
        }
        if (batchedUpTo < end()) {
            answer(e, newBatch());
            return;
        }
        if (waiting != null) {
            Waiting old = waiting;
            waiting = null;
            old.timer.cancel(false);
            old.exchange.respond(answers.error(409, "another GET of this session took this one's place: one "
                    + "GET waits per session"));
            requestEnded();
        }
        waiting = new Waiting(e, sessions.schedule(() -> pollEnded(e), pollWait));
        e.onAbandoned(() -> abandoned(e));
        e.hold(pollWait.plusSeconds(1), () -> answers.error(503, "no answer in time"));
    }

    /** Whether a GET waits for messages now. */
    synchronized boolean waiting() {
        return waiting != null;
    }

    /** Whether an answer of this session failed on its way (its next GET is sent it again). */
    synchronized boolean lostAnswer() {
        return kept.stream().anyMatch(b -> Boolean.FALSE.equals(b.written));
    }

    private boolean confirmThrough(int m) {
        if (m == lastConfirmed) {
            return true;
        }
        boolean keptIt = kept.stream().anyMatch(b -> b.n == m);
        if (!keptIt) {
            return false;
        }
        while (!kept.isEmpty()) {
            Batch b = kept.pollFirst();
            confirm(b);
            if (b.n == m) {
                break;
            }
        }
        return true;
    }

    /** A GET without the header: the client has read every answer written whole. */
    private void confirmWritten() {
        while (!kept.isEmpty() && !Boolean.FALSE.equals(kept.peekFirst().written)) {
            confirm(kept.pollFirst());
        }
    }

    private void confirm(Batch b) {
        acknowledgeBelow(b.to);
        lastConfirmed = b.n;
    }

    private Batch newBatch() {
        int count = fitting(batchedUpTo, Integer.MAX_VALUE);
        Batch b = new Batch(nextN, batchedUpTo, batchedUpTo + count);
        nextN = next(nextN);
        batchedUpTo = b.to;
        kept.addLast(b);
        return b;
    }

    private void answer(WebExchange e, Batch b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] head = CometAnswers.batchHead(b.n, key());
        out.write(head, 0, head.length);
        writeMessages(out, b.from, b.to);
        out.write(']');
        out.write('}');
        int sending = ++b.sendings;
        b.written = null;
        boolean sent = e.respond(answers.batch(b.n, out.toByteArray()), ok -> written(b, sending, ok));
        if (!sent) {
            b.written = false;
        }
        requestEnded();
        handedOut(b.to);
    }

    private synchronized void written(Batch b, int sending, boolean ok) {
        if (sending == b.sendings) {
            b.written = ok;
        }
    }

    private synchronized void pollEnded(WebExchange e) {
        if (waiting == null || waiting.exchange != e) {
            return;
        }
        waiting = null;
        answer(e, newBatch()); // empty, or what came as the timer fired
    }

    private synchronized void abandoned(WebExchange e) {
        if (waiting != null && waiting.exchange == e) {
            waiting.timer.cancel(false);
            waiting = null;
            requestEnded();
        }
    }

    @Override
    protected void outputReady() {
        if (waiting != null && batchedUpTo < end()) {
            Waiting w = waiting;
            waiting = null;
            w.timer.cancel(false);
            answer(w.exchange, newBatch());
        }
    }

    @Override
    protected void closedWhileWaiting() {
        if (waiting != null) {
            Waiting w = waiting;
            waiting = null;
            w.timer.cancel(false);
            w.exchange.respond(answers.ok(key()));
            requestEnded();
        }
        for (Held h : held.values()) {
            h.timer.cancel(false);
            h.exchange.respond(answers.badSequence(key(), "the session closed while this POST (seq " + h.seq
                    + ") waited for seq " + expected));
        }
        held.clear();
    }

    // ---- POST: messages in

    /** {@code seq} null: a poke without one; {@code data} null: a poke. */
    synchronized void post(WebExchange e, Integer seq, List<JsonNode> data) {
        if (closing()) {
            e.respond(answers.error(404, "no session " + shortKey() + ": it has closed"));
            return;
        }
        requestBegan();
        if (seq == null) {
            accept(e, data);
            return;
        }
        if (!based) {
            based = true;
            expected = seq;
        }
        long ahead = ahead(seq, expected);
        if (ahead == 0) {
            expected = next(seq);
            accept(e, data);
            releaseHeld();
        } else if (ahead <= cometSettings.maxSeqAhead() && !cometSettings.seqHold().isZero() && !held.containsKey(seq)) {
            held.put(seq, new Held(e, seq, data, sessions.schedule(() -> holdEnded(seq), cometSettings.seqHold())));
        } else {
            refuseSequence(e, "bad sequence number: expected " + expected + ", got " + seq);
        }
    }

    private void accept(WebExchange e, List<JsonNode> data) {
        if (data == null) {
            poked();
        }
        deliver(data == null ? List.of() : data, () -> {
            e.respond(answers.ok(key()));
            synchronized (this) {
                requestEnded();
            }
        });
    }

    private void releaseHeld() {
        for (Held h = held.remove(expected); h != null; h = held.remove(expected)) {
            h.timer.cancel(false);
            expected = next(h.seq);
            accept(h.exchange, h.data);
        }
    }

    private synchronized void holdEnded(int seq) {
        Held h = held.remove(seq);
        if (h != null) {
            refuseSequence(h.exchange, "bad sequence number: expected " + expected + ", got " + seq + ", which waited "
                    + cometSettings.seqHold().toMillis() + " ms for the ones before it");
        }
    }

    private void refuseSequence(WebExchange e, String why) {
        e.respond(answers.badSequence(key(), why));
        requestEnded();
        closeLocked(why);
    }
}
