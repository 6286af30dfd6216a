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

    /**
     * Where the backlog of the first connection ends, when {@link SubscriptionOptions#endProbe}
     * asked: every record up to {@code seq} that passes the filters is part of it and comes before
     * any record after it. {@code seq} is -1 when the controller keeps no backlog (plain POX).
     * Not called when no record retained passes the filters: then the backlog is empty, and the
     * subscription's status turning CONNECTED is all there is to wait for, but the controller may
     * take a moment to look through what it retains (see PoxLog's {@code --no-follow}).
     */
    default void onBacklogEnd(String source, long seq) {
    }
}
