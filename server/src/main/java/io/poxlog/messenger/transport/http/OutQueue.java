package io.poxlog.messenger.transport.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The messages waiting for an HTTP session's client: each numbered, 0 first, one more each, kept
 * until the client acknowledges it ({@link #acknowledgeBelow}), so that an answer lost on its way
 * can be sent again. Each message is kept as the byte runs it was sent as (a head and a shared
 * body, for the log service's records), and copied once, into the answer that carries it.
 *
 * <p>Not thread-safe: its {@link HttpSession} guards it with its lock.
 */
final class OutQueue {
    private final ArrayDeque<byte[][]> messages = new ArrayDeque<>();
    /** The number of the oldest message kept (or of the next one, when none is kept). */
    private long first;
    private long bytes;

    void add(byte[]... parts) {
        messages.add(parts);
        bytes += length(parts);
    }

    /** The number the next message added gets. */
    long end() {
        return first + messages.size();
    }

    /** The number of the oldest message kept. */
    long first() {
        return first;
    }

    /** Bytes of every message kept. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Forgets every message numbered below {@code n} (the client has them). */
    void acknowledgeBelow(long n) {
        while (first < n && !messages.isEmpty()) {
            bytes -= length(messages.poll());
            first++;
        }
    }

    /** Drops everything kept; the numbers go on from where they were. */
    void clear() {
        first = end();
        messages.clear();
        bytes = 0;
    }

    /**
     * How many messages from number {@code from} on fit {@code maxBytes} together (their bytes
     * plus one separator each), at most {@code maxCount}, and at least one if there is one.
     */
    int fitting(long from, long maxBytes, int maxCount) {
        long skip = from - first;
        if (skip < 0 || skip >= messages.size()) {
            return 0;
        }
        int n = 0;
        long size = 0;
        Iterator<byte[][]> it = messages.iterator();
        for (long i = 0; i < skip; i++) {
            it.next();
        }
        while (it.hasNext() && n < maxCount) {
            long len = length(it.next()) + 1;
            if (n > 0 && size + len > maxBytes) {
                break;
            }
            size += len;
            n++;
        }
        return n;
    }

    /** Writes messages {@code from} to {@code to} (exclusive) into {@code out}, separated by {@code ,}. */
    void writeTo(ByteArrayOutputStream out, long from, long to) {
        long skip = from - first;
        if (skip < 0 || to > end()) {
            throw new IllegalStateException("messages " + from + " to " + to + " are not all kept (" + first + " to "
                    + end() + ")");
        }
        Iterator<byte[][]> it = messages.iterator();
        for (long i = 0; i < skip; i++) {
            it.next();
        }
        for (long i = from; i < to; i++) {
            if (i > from) {
                out.write(',');
            }
            for (byte[] part : it.next()) {
                out.write(part, 0, part.length);
            }
        }
    }

    private static long length(byte[][] parts) {
        long n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        return n;
    }
}
