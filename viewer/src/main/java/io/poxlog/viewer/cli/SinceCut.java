package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.model.LogEntry;

/**
 * {@code --since}: leaves out records created before the cut-off ({@link Since}), which the
 * controller sends because it cannot cut by time itself. Gap notices pass: a loss is never
 * hidden. Called on the subscriptions' threads; immutable.
 */
final class SinceCut extends ForwardingListener {
    private final double cutoffSeconds;

    SinceCut(double cutoffSeconds, LogListener next) {
        super(next);
        this.cutoffSeconds = cutoffSeconds;
    }

    @Override
    public void onRecord(LogEntry e) {
        if (e.created() >= cutoffSeconds || e.isGapNotice()) {
            next.onRecord(e);
        }
    }
}
