package io.poxlog.viewer.client;

import io.poxlog.viewer.model.LogEntry;

/** What a {@link LogSubscriber} reports. Called on the subscriber's own thread: keep it quick. */
public interface LogListener {
    void onRecord(LogEntry entry);

    void onStatus(SourceStatus status);

    /** The server answered one of our requests with an error (PROTOCOL.md §6). */
    default void onServerError(String source, String error) {
    }
}
