package io.poxlog.logservice;

import java.util.function.Consumer;

/**
 * The last N records, for {@code backlog} and {@code since} (PROTOCOL.md §5.3). A fixed array
 * used as a ring: adding never allocates. Log-service thread only.
 */
final class RecordRing {
    private final LogRecord[] slots;
    private long added;

    RecordRing(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("retain must be 0 or more, not " + capacity);
        }
        slots = new LogRecord[Math.max(capacity, 1)];
        if (capacity == 0) {
            added = -1; // marks "retain nothing"
        }
    }

    void add(LogRecord r) {
        if (added < 0) {
            return;
        }
        slots[(int) (added % slots.length)] = r;
        added++;
    }

    int size() {
        return added < 0 ? 0 : (int) Math.min(added, slots.length);
    }

    /** The seq of the oldest retained record, or -1 when none is. */
    long oldestSeq() {
        int n = size();
        return n == 0 ? -1 : slots[(int) ((added - n) % slots.length)].seq;
    }

    /** Visits the retained records, oldest first. */
    void forEach(Consumer<LogRecord> visitor) {
        int n = size();
        for (long i = added - n; i < added; i++) {
            visitor.accept(slots[(int) (i % slots.length)]);
        }
    }
}
