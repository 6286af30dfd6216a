package io.poxlog.viewer.model;

/**
 * A record as the store holds it: the entry, its time (for keeping the store in time order) and
 * its size. Eviction forgets the entry, so that a view builder still holding this (in a batch it
 * is matching) neither shows a record gone from the store nor keeps its bytes alive. Guarded by
 * the {@link RecordStore}'s lock; {@link #entry} may be read without it, and is then read again
 * under it before it counts.
 */
final class Held {
    final double created;
    final long bytes;
    LogEntry entry;

    Held(LogEntry entry) {
        this.entry = entry;
        this.created = entry.created();
        this.bytes = entry.retainedBytes();
    }
}
