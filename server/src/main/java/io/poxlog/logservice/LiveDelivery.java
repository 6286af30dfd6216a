package io.poxlog.logservice;

import io.poxlog.messenger.core.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live stream's records of one drain of the service's queue, held until its end and then
 * delivered member by member: each member is sent every record it wants in a row, each record
 * encoded once per distinct encoding. Record by record, every record visited each member in turn,
 * and with 100 members the service thread spent most of its time fetching each member's state
 * (its connection, its batch, the end of its chunk) back into the cache, once per record.
 *
 * <p>A member sees exactly what it saw record by record, in the same order: gap notices before
 * the next record sent, a record lost while its connection is full, a record lost to all when it
 * cannot be encoded. The service delivers what is held before it runs any subscription change,
 * so that joins, leaves and replays still fall between the same two records. Whatever one
 * subscription throws is the caller's ({@link Fanout#fail}). Log-service thread only.
 */
final class LiveDelivery {
    /** A record that could not be encoded for an encoding: every member of it loses the record. */
    private static final int UNENCODABLE = -1;
    /**
     * What the encodings' buffers may keep between drains, all together: past it, a buffer grown
     * for one drain is let go at its end. Each encoding's buffer would otherwise stay as large as
     * its biggest drain, for good, however many encodings a burst of subscriptions brought.
     */
    static final int KEEP_BYTES = 4 * 1024 * 1024;

    private final GapNotices gaps;
    private final ServiceFailures failures;
    private final AtomicLong droppedForSlow;
    private LogRecord[] records = new LogRecord[1024];
    private int size;
    /** The records of the subscription being delivered that pass its filters: indexes into {@link #records}. */
    private int[] accepted = new int[1024];
    /** Each encoding's bodies of {@link #records}, encoded as some member first needs them. */
    private final Map<RecordEncoding, Bodies> bodies = new IdentityHashMap<>();
    /** Bodies let go by the last delivery, for the next. */
    private final List<Bodies> spare = new ArrayList<>();

    /**
     * One encoding's bodies of the records held, back to back in one buffer, which the connections
     * copy from as they are sent: no array of its own for each body, and no copy into one.
     */
    private static final class Bodies {
        final JsonBytes bytes = new JsonBytes();
        /** Where record i's body starts in {@link #bytes}; 0 while not encoded, UNENCODABLE when it cannot be. */
        final int[] from;
        final int[] to;

        Bodies(int records) {
            from = new int[records];
            to = new int[records];
        }
    }

    LiveDelivery(GapNotices gaps, ServiceFailures failures, AtomicLong droppedForSlow) {
        this.gaps = gaps;
        this.failures = failures;
        this.droppedForSlow = droppedForSlow;
    }

    void add(LogRecord r) {
        if (size == records.length) {
            records = Arrays.copyOf(records, size * 2);
            accepted = new int[size * 2];
            spare.clear(); // too short from now on
        }
        records[size++] = r;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Tests only: the bytes the encodings' buffers hold between drains. */
    long keptBytes() {
        long n = 0;
        for (Bodies b : spare) {
            n += b.bytes.array().length;
        }
        return n;
    }

    /**
     * Sends {@code s}'s live members the records held that pass its filters. A filter that throws
     * ends the delivery at that record (those before it are sent), and is thrown.
     *
     * @param touched told of each member written to
     */
    void deliver(Subscription s, java.util.function.Consumer<Subscription.Member> touched) {
        int n = 0;
        RuntimeException filterFailed = null;
        Error filterError = null;
        for (int i = 0; i < size; i++) {
            try {
                // The filters are this subscription's too: a grep reads the message, which may fail.
                if (s.accepts(records[i])) {
                    accepted[n++] = i;
                }
            } catch (RuntimeException e) {
                filterFailed = e;
                break;
            } catch (Error e) {
                filterError = e;
                break;
            }
        }
        if (n > 0) {
            deliverAccepted(s, n, touched);
        }
        if (filterFailed != null) {
            throw filterFailed;
        }
        if (filterError != null) {
            throw filterError;
        }
    }

    private void deliverAccepted(Subscription s, int n, java.util.function.Consumer<Subscription.Member> touched) {
        Bodies encoded = bodiesOf(s.encoding);
        List<Subscription.Member> members = s.members;
        long slow = 0;
        try {
            for (int j = 0; j < members.size(); j++) {
                Subscription.Member m = members.get(j);
                if (!m.live()) {
                    continue; // its replay will reach these records in the ring
                }
                Connection c = m.connection;
                boolean sent = false;
                for (int a = 0; a < n; a++) {
                    int i = accepted[a];
                    LogRecord r = records[i];
                    if (!c.isWritable()) {
                        m.lost(r.seq);
                        slow++;
                        continue;
                    }
                    if (m.dropped > 0) {
                        gaps.send(s, m);
                        sent = true; // flushed this turn even if the record cannot be encoded: the batch holds pooled buffers
                    }
                    if (encoded.from[i] == 0) {
                        encode(s, r, encoded, i);
                    }
                    if (encoded.from[i] == UNENCODABLE) {
                        m.lost(r.seq);
                        continue;
                    }
                    c.sendEncoded(s.head, encoded.bytes.array(), encoded.from[i], encoded.to[i], false);
                    sent = true;
                }
                if (sent) {
                    touched.accept(m);
                }
            }
        } finally {
            if (slow > 0) {
                droppedForSlow.lazySet(droppedForSlow.get() + slow);
            }
        }
    }

    /** Encodes record {@code i} into {@code b}, or marks it UNENCODABLE (and drops what it wrote). */
    private void encode(Subscription s, LogRecord r, Bodies b, int i) {
        int end = b.bytes.length();
        try {
            b.from[i] = s.encoding.bodyInto(b.bytes, r);
            b.to[i] = b.bytes.length();
        } catch (RuntimeException e) {
            b.bytes.rewind(end);
            b.from[i] = UNENCODABLE;
            failures.warn("log service: cannot encode record " + r.seq + " for " + s.channel + ": " + ServiceFailures.describe(e), e);
        }
    }

    private Bodies bodiesOf(RecordEncoding e) {
        Bodies b = bodies.get(e);
        if (b == null) {
            b = spare.isEmpty() ? new Bodies(records.length) : spare.remove(spare.size() - 1);
            bodies.put(e, b);
        }
        return b;
    }

    /** Lets the records held go, once every subscription had them. */
    void clear() {
        Arrays.fill(records, 0, size, null);
        int keep = KEEP_BYTES;
        for (Bodies b : bodies.values()) {
            Arrays.fill(b.from, 0, size, 0);
            b.bytes.reset(Math.max(keep, 1024)); // a buffer of the first size is always kept
            keep -= b.bytes.array().length;
            if (b.from.length == records.length) {
                spare.add(b);
            }
        }
        bodies.clear();
        size = 0;
    }
}
