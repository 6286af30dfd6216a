package io.poxlog.viewer.model;

import java.util.Arrays;

/**
 * A list of entries with a fixed capacity, cheap at both ends: appending past the capacity drops
 * the oldest. Also inserts in the middle, for the rare record that arrives out of time order.
 * Not thread-safe: {@link RecordStore} guards it.
 */
final class EntryRing {
    private final LogEntry[] items;
    private int head;
    private int size;

    EntryRing(int capacity) {
        items = new LogEntry[capacity];
    }

    int size() {
        return size;
    }

    int capacity() {
        return items.length;
    }

    LogEntry get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return items[(head + i) % items.length];
    }

    LogEntry last() {
        return size == 0 ? null : get(size - 1);
    }

    /** Appends; returns the entry dropped to make room, or null. */
    LogEntry add(LogEntry e) {
        LogEntry evicted = null;
        if (size == items.length) {
            evicted = items[head];
            items[head] = null;
            head = (head + 1) % items.length;
            size--;
        }
        items[(head + size) % items.length] = e;
        size++;
        return evicted;
    }

    /** Inserts at index i (0..size); returns the entry dropped to make room, or null. */
    LogEntry insert(int i, LogEntry e) {
        LogEntry evicted = null;
        if (size == items.length) {
            if (i == 0) {
                return e; // older than everything held, and no room: it is the one to drop
            }
            evicted = removeFirst();
            i--;
        }
        for (int j = size; j > i; j--) {
            items[(head + j) % items.length] = items[(head + j - 1) % items.length];
        }
        items[(head + i) % items.length] = e;
        size++;
        return evicted;
    }

    LogEntry removeFirst() {
        if (size == 0) {
            return null;
        }
        LogEntry e = items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        size--;
        return e;
    }

    void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
    }

    /** Index at which an entry created at {@code t} keeps the list in time order (after equals). */
    int insertionPoint(double t) {
        int i = size;
        while (i > 0 && get(i - 1).created() > t) {
            i--;
        }
        return i;
    }
}
