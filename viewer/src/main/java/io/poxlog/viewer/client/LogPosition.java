package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.model.LogEntry;
import java.util.Objects;

/**
 * How far a {@link LogSubscription} has read its controller's log, and so how its next join
 * resumes (PROTOCOL.md §5.2, §7): {@code since} the last {@code seq} seen, or, when the
 * controller's {@code log_id} says its log is a new run, everything the new run retains, after a
 * restart marker. It also turns each record message into the entry the listener is given, with
 * its gap notice believed or marked malformed ({@link GapNotices}), and keeps the {@link Resume}
 * report the status shows. Not for what a join filters, nor for when the subscription is live:
 * {@link LogSubscription} decides those.
 *
 * <p>Client thread only (the client's reading thread), as everything it is called from.
 */
final class LogPosition {
    private final String source;
    private final LogListener listener;
    private long lastSeq = -1;
    /** The log_id of the run {@code lastSeq} belongs to (null when the controller names none). */
    private String runId;
    private boolean everJoined;
    private Resume resume = new Resume(Resume.Kind.FIRST, -1);
    /**
     * When the last record arrived (at first, when the subscription was made): the bound on how
     * many records a gap notice may believably report. Not reset by a reconnect or a restart:
     * whatever the controller logged meanwhile, it logged after this.
     */
    private long lastRecordNanos = System.nanoTime();
    /**
     * The last time the current run was known alive, in seconds: its last record's
     * {@code created} (the controller's clock, which the pane sorts by), else when the last
     * connection to it was made. A restart's marker goes there: after everything of the old run,
     * before anything of the new one.
     */
    private double aliveAt;

    LogPosition(String source, LogListener listener) {
        this.source = source;
        this.listener = listener;
    }

    /** Whether nothing was joined yet: the next join is the first. */
    boolean first() {
        return !everJoined;
    }

    /** What the status says of the resume so far. */
    String report() {
        return resume.report();
    }

    /**
     * Makes {@code join}, about to go on a connection {@code w} welcomed, resume from here: the
     * first join asks for {@code backlog}, later ones {@code since} the last seq (where the
     * controller takes it), and one to a new run of the log since its start, after the restart
     * marker, given to the listener now. Returns the run joined before, for {@link #joinRefused}.
     */
    String resumeWith(ObjectNode join, Welcome w, int backlog) {
        boolean canResume = w.has("since");
        boolean restart = everJoined && !w.isPox() && !Objects.equals(w.logId(), runId);
        if (restart) {
            resume = new Resume(Resume.Kind.RESTART, lastSeq);
            listener.onRestart(marker(w));
            lastSeq = -1;
            if (canResume) {
                join.put("since", 0); // everything the new run retains, from its first record
            }
        } else if (everJoined) {
            resume = new Resume(!canResume ? Resume.Kind.NO_RESUME
                    : lastSeq >= 0 ? Resume.Kind.RESUME : Resume.Kind.NOTHING_TO_RESUME, lastSeq);
            if (canResume && lastSeq >= 0) {
                join.put("since", lastSeq);
            }
        } else {
            resume = new Resume(Resume.Kind.FIRST, -1);
            if (backlog > 0) {
                join.put("backlog", backlog);
            }
        }
        if (w.logId() != null && join.has("since")) {
            join.put("log_id", w.logId());
        }
        String runBefore = runId;
        runId = w.logId();
        everJoined = true;
        if (lastSeq < 0) {
            aliveAt = System.currentTimeMillis() / 1000.0;
        }
        return runBefore;
    }

    /** The join {@link #resumeWith} made was refused, and is to be made again: as if it never was. */
    void joinRefused(boolean first, String runBefore) {
        everJoined = !first;
        runId = runBefore;
    }

    private LogEntry marker(Welcome w) {
        String text = source + " restarted: a new run of its log" + (w.logId() != null ? " (" + w.logId() + ")" : "")
                + "; records of the old run " + (lastSeq >= 0 ? "after seq " + lastSeq + " " : "") + "not seen: unknown";
        return new LogEntry(source, -1, aliveAt, "WARNING", 30, "pox-log", text, 0,
                SubscriptionMessages.record(text, "WARNING", 30, "pox-log", aliveAt));
    }

    /**
     * Gives the listener the record {@code f} (its message's {@code bytes}) and moves past it;
     * true when that changed the resume's report.
     */
    boolean record(MessageFields f, byte[] bytes) {
        long now = System.nanoTime();
        double receivedAt = Double.isNaN(f.created) ? System.currentTimeMillis() / 1000.0 : f.created; // only used without one
        LogEntry e;
        boolean changed = false;
        if (f.dropped != 0) {
            String problem = GapNotices.problem(f, lastSeq, now - lastRecordNanos);
            if (problem != null) {
                e = f.entry(source, bytes, receivedAt, 0, "[malformed gap notice, not counted: " + problem + "] " + f.message);
            } else {
                e = f.entry(source, bytes, receivedAt, f.dropped, f.message);
                changed = resume.lost(f.dropped);
            }
        } else {
            e = f.entry(source, bytes, receivedAt, 0, f.message);
        }
        // First: if the listener throws, lastSeq stays, and the resume asks for this record again.
        listener.onRecord(e);
        if (f.seq >= 0) {
            lastSeq = f.seq;
            lastRecordNanos = now;
            aliveAt = e.created();
            changed |= resume.record(e.created());
        }
        return changed;
    }
}
