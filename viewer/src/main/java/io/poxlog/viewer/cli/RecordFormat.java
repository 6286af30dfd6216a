package io.poxlog.viewer.cli;

import io.poxlog.viewer.model.LogEntry;

/** How the line modes write one record ({@link PlainFormat}, {@link JsonFormat}); thread-safe. */
interface RecordFormat {
    /** The record as printed, without the final newline. */
    String format(LogEntry e);
}
