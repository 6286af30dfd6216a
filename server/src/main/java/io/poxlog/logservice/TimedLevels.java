package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Level changes, timed or not, and the reverts of timed ones (issue 15, PROTOCOL.md §5.4): a
 * change with a duration reverts by itself to exactly what the logger had before (a configured
 * level, or inheriting); a later change to the same logger replaces the pending revert (an
 * untimed one cancels it), and a timed change on top of a timed one reverts to the level before
 * the first. Each change and each revert is audited ({@link LevelAudit}). Reverts live in the
 * process: a restart starts from the configuration.
 *
 * <p>Nexus thread only: level commands run there, and so do reverts, from the nexus's timer
 * ({@link LevelClock#schedule}), under that thread's rules (guarded, never waiting). One timer at a
 * time, for the first deadline: a client sending ever shorter durations replaces it rather than
 * piling timers up. At most one pending revert per logger, and loggers are bounded
 * ({@link LoggerLimits}).
 */
final class TimedLevels {
    /** The longest a timed change may last: a week. */
    static final long MAX_FOR_SECONDS = 7 * 24 * 3600;

    /**
     * A timed change waiting to revert.
     *
     * @param revertTo the configured level to go back to, null for inheriting
     * @param deadlineNanos when, on {@link LevelClock#nanoTime}
     * @param untilMillis when, on the wall clock (what clients are told)
     * @param forMillis how long the change was for
     * @param by who asked
     */
    record Pending(Level revertTo, long deadlineNanos, long untilMillis, long forMillis, Requester by) {
    }

    private final LoggerContext context;
    private final LevelClock clock;
    private final LevelAudit audit;
    private final Map<String, Pending> pending = new HashMap<>();
    private Runnable cancelTimer;
    private long timerAt;

    TimedLevels(LoggerContext context, LevelClock clock, LevelAudit audit) {
        this.context = context;
        this.clock = clock;
        this.audit = audit;
    }

    /** The pending revert of {@code name} ({@code ""} for the root), or null. */
    Pending pending(String name) {
        return pending.get(key(name));
    }

    int size() {
        return pending.size();
    }

    /**
     * Sets {@code name}'s level ({@code null}: inherit) at {@code by}'s request, for
     * {@code forMillis} (0: until further notice), and audits it. Returns the pending revert it
     * made, or null for an untimed change.
     */
    Pending set(String name, Level level, long forMillis, Requester by) {
        String key = key(name);
        Logger l = logger(key);
        String before = LevelAudit.describe(l);
        Level configuredBefore = l.getLevel();
        Pending old = pending.remove(key);
        l.setLevel(level);
        Pending p = null;
        if (forMillis > 0) {
            Level revertTo = old != null ? old.revertTo() : configuredBefore;
            p = new Pending(revertTo, clock.nanoTime() + forMillis * 1_000_000, clock.currentTimeMillis() + forMillis,
                    forMillis, by);
            pending.put(key, p);
            arm(p.deadlineNanos());
        }
        audit.changed(l, key, before, p == null ? 0 : p.untilMillis(), forMillis,
                p == null ? null : LevelAudit.describe(p.revertTo()), by);
        return p;
    }

    /** Runs the reverts that are due, then sets the timer for the next. */
    private void sweep() {
        cancelTimer = null;
        long now = clock.nanoTime();
        List<Map.Entry<String, Pending>> due = new ArrayList<>();
        long next = 0;
        boolean more = false;
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> e = it.next();
            long d = e.getValue().deadlineNanos();
            if (d - now <= 0) {
                due.add(e);
                it.remove();
            } else if (!more || d - next < 0) {
                next = d;
                more = true;
            }
        }
        for (Map.Entry<String, Pending> e : due) {
            revert(e.getKey(), e.getValue());
        }
        if (more) {
            arm(next);
        }
    }

    private void revert(String key, Pending p) {
        Logger l = logger(key);
        String before = LevelAudit.describe(l);
        l.setLevel(p.revertTo());
        audit.reverted(l, key, before, p.forMillis(), p.by());
    }

    /** Makes sure the timer wakes the nexus thread by {@code deadline}. */
    private void arm(long deadline) {
        if (cancelTimer != null) {
            if (deadline - timerAt >= 0) {
                return; // the timer set comes first; its sweep sets the next
            }
            cancelTimer.run();
        }
        timerAt = deadline;
        cancelTimer = clock.schedule(this::sweep, Duration.ofNanos(Math.max(0, deadline - clock.nanoTime())));
    }

    private static String key(String name) {
        return LoggerNames.isRoot(name) ? LevelCommands.ROOT : name;
    }

    private Logger logger(String key) {
        return key.isEmpty() ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : context.getLogger(key);
    }
}
