package io.poxlog.viewer.model;

import java.util.Arrays;

/**
 * A list of records in time order with a fixed capacity, cheap at both ends: appending, removing
 * the oldest and putting one in front are O(1), and an insertion elsewhere (a record out of time
 * order, or a view being rebuilt) shifts the shorter side. The caller makes room before adding.
 * Not thread-safe: {@link RecordStore} guards it.
 */
final class EntryRing {
    private final Held[] items;
    private int head;
    private int size;

    EntryRing(int capacity) {
        items = new Held[capacity];
    }

    int size() {
        return size;
    }

    int capacity() {
        return items.length;
    }

    boolean isFull() {
        return size == items.length;
    }

    Held get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return items[slot(i)];
    }

    Held first() {
        return size == 0 ? null : items[head];
    }

    Held last() {
        return size == 0 ? null : get(size - 1);
    }

    /** Inserts at index {@code i} (0..size); there must be room. */
    void insert(int i, Held h) {
        if (size == items.length) {
            throw new IllegalStateException("full: " + size);
        }
        if (i < 0 || i > size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        if (i < size / 2) { // move the front part one step towards the front
            head = (head - 1 + items.length) % items.length;
            for (int j = 0; j < i; j++) {
                items[slot(j)] = items[slot(j + 1)];
            }
        } else { // move the back part one step towards the back
            for (int j = size; j > i; j--) {
                items[slot(j)] = items[slot(j - 1)];
            }
        }
        items[slot(i)] = h;
        size++;
    }

    Held removeFirst() {
        if (size == 0) {
            return null;
        }
        Held h = items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        size--;
        return h;
    }

    void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
    }

    /** The index after every record created at or before {@code t}: where a newer arrival goes. */
    int after(double t) {
        if (size == 0 || last().created <= t) {
            return size; // in order: the usual case
        }
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid).created <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index of the first record created at or after {@code t}: where an older one goes. */
    int before(double t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid).created < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The records from {@code from} (inclusive) to {@code to} (exclusive), as an array. */
    Held[] copy(int from, int to) {
        Held[] out = new Held[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = items[slot(from + i)];
        }
        return out;
    }

    private int slot(int i) {
        int s = head + i;
        return s < items.length ? s : s - items.length;
    }
}
