package io.poxlog.logservice;

/**
 * The last N records, for {@code backlog} and {@code since} (PROTOCOL.md §5.3). A fixed array
 * used as a ring: adding never allocates. Records are addressed by their position in the stream
 * of records added ({@link #start()} to {@link #end()}), which a replay keeps as its cursor; the
 * {@code seq}s at consecutive positions increase, by more than one where the queue dropped records.
 * Log-service thread only.
 */
final class RecordRing {
    private final LogRecord[] slots;
    private final boolean retains;
    private long added;

    RecordRing(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("retain must be 0 or more, not " + capacity);
        }
        slots = new LogRecord[Math.max(capacity, 1)];
        retains = capacity > 0;
    }

    void add(LogRecord r) {
        if (!retains) {
            return;
        }
        slots[(int) (added % slots.length)] = r;
        added++;
    }

    int size() {
        return (int) Math.min(added, slots.length);
    }

    /** The position of the oldest record retained. */
    long start() {
        return added - size();
    }

    /** The position the next record added will take. */
    long end() {
        return added;
    }

    /** The record at {@code position}, which must lie in {@code [start(), end())}. */
    LogRecord at(long position) {
        return slots[(int) (position % slots.length)];
    }

    /** The seq of the oldest retained record, or -1 when none is. */
    long oldestSeq() {
        return size() == 0 ? -1 : at(start()).seq;
    }

    /** The position of the oldest retained record with a seq above {@code seq}, or {@link #end()}. */
    long firstAfter(long seq) {
        long lo = start();
        long hi = end();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (at(mid).seq <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
