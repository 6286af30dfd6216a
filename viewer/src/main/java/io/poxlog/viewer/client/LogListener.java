package io.poxlog.viewer.client;

import io.poxlog.viewer.model.LogEntry;

/** What a {@link LogSubscription} reports. Called on the subscription's own thread: keep it quick. */
public interface LogListener {
    void onRecord(LogEntry entry);

    void onStatus(SourceStatus status);

    /**
     * The controller answered with an error no request waited for (PROTOCOL.md §6), or the
     * client dropped something it should have had (a message too large, messages not sent).
     */
    default void onServerError(String source, String error) {
    }

    /**
     * The controller restarted (a new run of its log): {@code marker} is a record-shaped entry
     * from the viewer itself ({@code pox-log}) that says so, for the pane; by default it is
     * shown as a record.
     */
    default void onRestart(LogEntry marker) {
        onRecord(marker);
    }
}
