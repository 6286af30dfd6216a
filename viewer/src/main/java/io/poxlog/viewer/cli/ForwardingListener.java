package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.LogEntry;

/** A {@link LogListener} that hands everything to the next one: the base of the line modes' stages. */
abstract class ForwardingListener implements LogListener {
    protected final LogListener next;

    ForwardingListener(LogListener next) {
        this.next = next;
    }

    @Override
    public void onRecord(LogEntry entry) {
        next.onRecord(entry);
    }

    @Override
    public void onStatus(SourceStatus status) {
        next.onStatus(status);
    }

    @Override
    public void onServerError(String source, String error) {
        next.onServerError(source, error);
    }

    @Override
    public void onRestart(LogEntry marker) {
        next.onRestart(marker);
    }

    @Override
    public void onBacklogEnd(String source, long seq) {
        next.onBacklogEnd(source, seq);
    }
}
