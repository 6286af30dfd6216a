package io.poxlog.viewer.tui;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LevelOutcome;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SendResult;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controllers the terminal UI follows: their subscriptions feed the record store, their
 * server errors wait here for the UI thread to draw, and level changes go out through them.
 *
 * <p>Threads: subscriber threads call the {@link LogListener} methods; the UI thread calls the
 * rest. Everything shared is a concurrent collection, and nothing here blocks.
 */
public final class ControllerSet implements LogListener {
    /**
     * Notices waiting for the UI, which shows one a frame: what comes beyond them is counted, and
     * said once there is room, so a controller that sends errors without end cannot fill the heap.
     */
    public static final int MAX_NOTICES = 100;

    private final RecordStore store;
    private final List<LogSubscription> subscribers = new CopyOnWriteArrayList<>();
    private final Queue<String> notices = new ConcurrentLinkedQueue<>();
    private final AtomicInteger noticesHeld = new AtomicInteger();
    private final AtomicLong noticesNotShown = new AtomicLong();
    /** Each controller's state when it last changed, to mark its outages in the pane (subscriber threads). */
    private final Map<String, ConnectionState> lastState = new ConcurrentHashMap<>();
    /** Controllers that were connected and lost it, until they are back. */
    private final java.util.Set<String> down = ConcurrentHashMap.newKeySet();
    /** Controllers whose restart was just marked: their reconnection needs no second marker. */
    private final Map<String, Boolean> restartMarked = new ConcurrentHashMap<>();

    public ControllerSet(RecordStore store) {
        this.store = store;
    }

    /** Adds a controller; its subscriber must report to this set. */
    public void attach(LogSubscription s) {
        subscribers.add(s);
    }

    public RecordStore store() {
        return store;
    }

    /** The followed controllers' sources ({@code host:port}), in the order given. */
    public List<String> sources() {
        List<String> out = new ArrayList<>();
        subscribers.forEach(s -> out.add(s.source()));
        return out;
    }

    public boolean several() {
        return subscribers.size() > 1;
    }

    /** Every controller's latest status, in the order given. */
    public List<SourceStatus> statuses() {
        return subscribers.stream().map(LogSubscription::status).toList();
    }

    /** The oldest server error or notice not yet shown (or how many there were beyond the bound), or null. */
    public String nextNotice() {
        String n = notices.poll();
        if (n != null) {
            noticesHeld.decrementAndGet();
            return n;
        }
        long more = noticesNotShown.getAndSet(0);
        return more == 0 ? null : String.format(Locale.ROOT, "%,d more notices were not shown: they came faster than they can be read",
                more);
    }

    /** Any thread. */
    private void notice(String text) {
        if (noticesHeld.incrementAndGet() > MAX_NOTICES) {
            noticesHeld.decrementAndGet();
            noticesNotShown.incrementAndGet();
            return;
        }
        notices.add(text);
    }

    /**
     * Sends {@code setLevels {logger: level}} to every connected controller (to {@code only} when
     * it is not null); returns how many it went to. It never waits on a controller: one whose
     * queue of messages is full (it stopped reading) is not sent to, and a notice says so.
     *
     * @throws IllegalArgumentException for the root logger ({@code ""}) and NOTSET, which it cannot take
     */
    public int setLevel(String only, String logger, String level) {
        return setLevel(only, logger, level, 0, false);
    }

    /**
     * As {@link #setLevel(String, String, String)}, and says (a notice) for each controller that
     * had never reported the logger: for a name typed ({@code :level}), where a typo is likely;
     * it costs a {@code get_levels} before each change.
     */
    public int setLevelSayingIfUnknown(String only, String logger, String level) {
        return setLevel(only, logger, level, 0, true);
    }

    /** As {@link #setLevelSayingIfUnknown}, for {@code forSeconds} (0: untimed; PROTOCOL.md §5.4). */
    public int setLevelSayingIfUnknown(String only, String logger, String level, long forSeconds) {
        return setLevel(only, logger, level, forSeconds, true);
    }

    /**
     * Sets {@code logger} to {@code level} (for {@code forSeconds} when above 0) on every
     * controller ({@code only} that one when not null), and reports how it went on each: one
     * {@link LevelReport} line per controller, filled in as their answers come. With {@code
     * checkKnown}, a name a controller had never reported is said as {@link
     * #setLevelSayingIfUnknown} says it (for a name typed).
     *
     * @throws IllegalArgumentException for the root logger ({@code ""}) and NOTSET
     */
    public LevelReport changeLevel(String only, String logger, String level, long forSeconds, boolean checkKnown) {
        if (logger.isEmpty() && level.equals(Levels.NOTSET)) {
            throw new IllegalArgumentException("the root logger has no parent to inherit from; give it a level");
        }
        LevelReport report = new LevelReport();
        for (LogSubscription s : subscribers) {
            if (only != null && !only.equals(s.source())) {
                continue;
            }
            CompletableFuture<JsonNode> before = checkKnown && !logger.isEmpty()
                    && s.status().state() == ConnectionState.CONNECTED ? s.getLevels(logger, 1) : null;
            CompletableFuture<LevelOutcome> outcome = s.changeLevel(logger, level, forSeconds);
            report.add(s.source(), outcome);
            if (before != null) {
                outcome.thenAccept(o -> {
                    if (o.kind() != LevelOutcome.Kind.NOT_SENT && o.kind() != LevelOutcome.Kind.REFUSED) {
                        before.whenComplete((levels, e) -> sayIfUnknown(s.source(), logger, levels, e));
                    }
                });
            }
        }
        return report;
    }

    private int setLevel(String only, String logger, String level, long forSeconds, boolean checkKnown) {
        if (logger.isEmpty() && level.equals(Levels.NOTSET)) {
            throw new IllegalArgumentException("the root logger has no parent to inherit from; give it a level");
        }
        int sent = 0;
        for (LogSubscription s : subscribers) {
            if (only != null && !only.equals(s.source())) {
                continue;
            }
            // Asked before the change, so answered before it is made (a controller answers in
            // order): whether the controller had the logger, or the change just created it.
            CompletableFuture<JsonNode> before = checkKnown && !logger.isEmpty() ? s.getLevels(logger, 1) : null;
            SendResult r = s.setLevel(logger, level, forSeconds);
            if (r.queued()) {
                sent++;
                if (before != null) {
                    before.whenComplete((levels, e) -> sayIfUnknown(s.source(), logger, levels, e));
                }
            } else if (s.status().state() == ConnectionState.CONNECTED) {
                notice(s.source() + ": level not sent: " + r.reason());
            }
        }
        return sent;
    }

    /**
     * A level set for a logger the controller had never reported ({@code :level no.such.logger
     * WARNING}, a typo most often) is set all the same, and said: the controller has such a
     * logger now. A controller that reports no levels (POX) is judged by the records seen. On the
     * client's thread.
     */
    private void sayIfUnknown(String source, String logger, JsonNode levels, Throwable e) {
        boolean cannotTell = e != null && !String.valueOf(e.getMessage()).contains("does not report its levels");
        if (cannotTell) {
            return; // not connected any more, say: the change did not go either
        }
        boolean unknown = e == null ? !levels.has(logger) : !store.loggersSeen().contains(logger);
        if (unknown) {
            notice(source + (e == null ? " had never reported a logger '" + logger + "': it has one now"
                    : ": no record of a logger '" + logger + "' seen yet, and the controller does not report its loggers")
                    + " (a typo? L lists the loggers)");
        }
    }

    /** Tries again every controller that refused this viewer (R); returns how many. */
    public int retryRefused() {
        int n = 0;
        for (LogSubscription s : subscribers) {
            if (s.status().state() == ConnectionState.REFUSED) {
                s.retry();
                n++;
            }
        }
        return n;
    }

    /** A controller's loggers and levels ({@code get_levels}); fails if it is unknown or down. */
    public CompletableFuture<JsonNode> levels(String source) {
        for (LogSubscription s : subscribers) {
            if (s.source().equals(source)) {
                return s.getLevels();
            }
        }
        return CompletableFuture.failedFuture(new IOException("no controller " + source));
    }

    public void closeAll() {
        subscribers.forEach(LogSubscription::close);
    }

    @Override
    public void onRecord(LogEntry entry) {
        store.add(entry); // and nothing else: every record of every controller passes here
    }

    /**
     * Marks where a controller's connection went and came back, in the pane, as rows of the
     * viewer's own between its records: "disconnected (why)" when a live connection is lost, and
     * "reconnected: resumed after seq N" (or what the resume could not do) when it is back. The
     * top bar keeps the latest state and counts; the rows say where in the log they happened.
     */
    @Override
    public void onStatus(SourceStatus status) {
        String source = status.source();
        ConnectionState before = lastState.put(source, status.state());
        if (before == status.state()) {
            return;
        }
        double now = System.currentTimeMillis() / 1000.0;
        if (before == ConnectionState.CONNECTED && status.state() == ConnectionState.RECONNECTING) {
            down.add(source);
            // Dated at its last record, in the controller's clock: the pane sorts by time, and
            // what it logged while we were away comes after this row when it is recovered.
            double last = store.newestCreated(source);
            store.add(LogEntry.marker(source, Double.isNaN(last) ? now : last, source + " disconnected"
                    + (status.detail().isEmpty() ? "" : " (" + status.detail() + ")")));
        } else if (status.state() == ConnectionState.CONNECTED && down.remove(source)
                && restartMarked.remove(source) == null) {
            store.add(LogEntry.marker(source, now, source + " reconnected"
                    + (status.detail().isEmpty() ? "" : ": " + status.detail())));
        }
    }

    /** A restart is marked as a row of the viewer's own, where the old run ended. */
    @Override
    public void onRestart(LogEntry marker) {
        restartMarked.put(marker.source(), Boolean.TRUE);
        store.add(LogEntry.marker(marker.source(), marker.created(), marker.message()));
    }

    @Override
    public void onServerError(String source, String error) {
        notice(source + ": " + error);
    }
}
