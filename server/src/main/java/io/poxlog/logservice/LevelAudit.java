package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Instant;

/**
 * The audit of level changes (issue 15): every change a client makes and every revert of a timed
 * one is logged by the controller itself, at INFO, as a record of {@value #LOGGER}, so that every
 * subscriber sees it and the controller's own appenders keep it. The message says which logger,
 * from what to what, until when, and who asked (session, address, role, token name: never a
 * token); the log call's arguments carry the same, so a {@code json} subscriber has them apart in
 * {@code args}.
 *
 * <p>The audit logger is given INFO at start when nothing configured it, so that no level set
 * on a parent ({@code messenger}, the root) turns it off, and remote commands may not turn it off
 * ({@link LevelCommands}). INFO passes the loop guard of the messenger's own loggers
 * ({@link LogServiceConfig#quietLoggers}), which holds back only what is below INFO. Nexus thread
 * (level commands and reverts run there); logging never waits.
 */
final class LevelAudit {
    static final String LOGGER = "messenger.log_service.audit";

    private final Logger log;

    LevelAudit(LoggerContext context) {
        this.log = context.getLogger(LOGGER);
        if (log.getLevel() == null) {
            log.setLevel(Level.INFO);
        }
    }

    /** {@code name} went from {@code before} to what it has now, at {@code by}'s request; {@code until} 0: untimed. */
    void changed(Logger logger, String name, String before, long untilMillis, long forMillis, String revertTo,
            Requester by) {
        String timing = untilMillis == 0 ? "untimed"
                : "until " + Instant.ofEpochMilli(untilMillis) + " (for " + seconds(forMillis) + " s, then "
                        + revertTo + " again)";
        log.info("level of {}: {} -> {}, {}, by {}", display(name), before, describe(logger), timing, by.describe());
    }

    /** A timed change ended: {@code name} is back to what it was before it. */
    void reverted(Logger logger, String name, String before, long forMillis, Requester by) {
        log.info("level of {}: {} -> {}, reverted: the change for {} s by {} ended", display(name), before,
                describe(logger), seconds(forMillis), by.describe());
    }

    /** A logger's level as the audit says it: its configured level, or what it inherits. */
    static String describe(Logger l) {
        Level configured = l.getLevel();
        return configured != null ? PoxLevel.of(configured).name()
                : "NOTSET (inherits " + PoxLevel.of(l.getEffectiveLevel()).name() + ")";
    }

    static String describe(Level configured) {
        return configured == null ? "NOTSET" : PoxLevel.of(configured).name();
    }

    private static String display(String name) {
        return name.isEmpty() ? "the root logger" : "'" + name + "'";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
