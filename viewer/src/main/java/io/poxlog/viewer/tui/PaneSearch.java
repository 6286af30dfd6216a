package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordSearch;
import io.poxlog.viewer.model.RecordStore;
import java.util.regex.Pattern;

/**
 * {@code /}, {@code n} and {@code N}: the search runs as a {@link Jobs} job over a snapshot of the
 * shown records, so that a slow regex over a large buffer neither freezes keys nor holds the
 * store's lock; when it ends, the match is selected. UI thread only.
 */
final class PaneSearch {
    private final RecordStore store;
    private final LogPane pane;
    private final Jobs jobs;
    private final MessageLine messages;

    PaneSearch(RecordStore store, LogPane pane, Jobs jobs, MessageLine messages) {
        this.store = store;
        this.pane = pane;
        this.jobs = jobs;
        this.messages = messages;
    }

    /** A new search from the prompt: highlights at once, then selects the newest match at or above the selection. */
    void search(String regex) {
        Pattern p;
        try {
            p = Commands.regex(regex);
        } catch (Commands.CommandException e) {
            messages.complain(e.getMessage());
            return;
        }
        pane.search(p);
        if (p != null) {
            start(p, 0, false);
        }
    }

    /** The next older ({@code newer} false) or newer match of the current search. */
    void next(boolean newer) {
        Pattern p = pane.search();
        if (p == null) {
            messages.complain("no search yet: / to search");
            return;
        }
        start(p, newer ? 1 : -1, newer);
    }

    /** Searches from {@code step} records after the selection (negative: before), in one direction. */
    private void start(Pattern p, int step, boolean forward) {
        LogEntry from = pane.following() ? null : pane.selected();
        String shown = Filter.describe(p);
        jobs.start("searching " + shown, "records", "search cancelled", progress -> {
            RecordSearch search = new RecordSearch(store.viewSnapshot(), p);
            int sel = search.indexOf(from);
            if (sel < 0) {
                return () -> messages.complain("no match for " + shown + ": no record shown");
            }
            int found = search.find(sel + step, forward, done -> progress.set(done, search.size()),
                    progress::cancelled);
            if (found < 0) {
                return () -> messages.complain("no match for " + shown);
            }
            LogEntry match = search.get(found);
            boolean wrapped = step != 0 && (forward ? found <= sel : found >= sel);
            return () -> {
                pane.selectEntry(match);
                if (wrapped) {
                    messages.say(forward ? "search wrapped to the oldest record" : "search wrapped to the newest record");
                }
            };
        });
    }
}
