package io.poxlog.logservice;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.poxlog.logservice.format.PyNumbers;
import java.time.Instant;
import org.slf4j.Marker;

/**
 * One record of the controller's log as the log service holds it: the logback event, what had to
 * be captured on the logging thread, and its sequence number.
 *
 * <p>Made on the application's thread by the appender (which captures only what cannot wait:
 * the thread, and the text of arguments that might change later); from then on owned by the
 * log-service thread, which numbers it, retains it and derives the rest lazily, once.
 */
public final class LogRecord {
    /** Marks a record injected at CRITICAL, which logback can only hold as ERROR. */
    public static final String CRITICAL_MARKER = "CRITICAL";

    final ILoggingEvent event;
    final long threadId;
    private final Object[] frozenArgs;
    private final String frozenMessage;
    long seq;
    private PoxLevel level;
    private String message;
    private Object[] args;
    private String excText;

    LogRecord(ILoggingEvent event, long threadId, boolean freeze) {
        this.event = event;
        this.threadId = threadId;
        if (freeze) {
            // Arguments that are not immutable values could change before the service thread
            // formats them: take their text now, on the logging thread.
            this.frozenMessage = event.getFormattedMessage();
            this.frozenArgs = argValues(event.getArgumentArray());
        } else {
            this.frozenMessage = null;
            this.frozenArgs = null;
        }
    }

    /** True when every argument is an immutable value whose text cannot change later. */
    static boolean argumentsAreValues(Object[] args) {
        if (args == null) {
            return true;
        }
        for (Object a : args) {
            if (!(a == null || a instanceof String || a instanceof Boolean || PyNumbers.immutable(a)
                    || a instanceof Character || a instanceof Enum<?>)) {
                return false;
            }
        }
        return true;
    }

    public long seq() {
        return seq;
    }

    public PoxLevel level() {
        if (level == null) {
            level = levelOf(event);
        }
        return level;
    }

    static PoxLevel levelOf(ILoggingEvent event) {
        PoxLevel l = PoxLevel.of(event.getLevel());
        if (l == PoxLevel.ERROR && hasMarker(event, CRITICAL_MARKER)) {
            return PoxLevel.CRITICAL;
        }
        return l;
    }

    private static boolean hasMarker(ILoggingEvent event, String name) {
        if (event.getMarkerList() == null) {
            return false;
        }
        for (Marker m : event.getMarkerList()) {
            if (m.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public String loggerName() {
        return event.getLoggerName();
    }

    /** The log call's message with its arguments filled in. */
    public String message() {
        if (message == null) {
            message = frozenMessage != null ? frozenMessage : event.getFormattedMessage();
            if (message == null) {
                message = "";
            }
        }
        return message;
    }

    /**
     * Whether the message has been made already (frozen on the logging thread, or asked for by a
     * filter): then it is the one to send, rather than formatting it again.
     */
    boolean messageKnown() {
        return message != null || frozenMessage != null;
    }

    /** The log call's message pattern, its {@code {}} not filled in; null for a null message. */
    String pattern() {
        return event.getMessage();
    }

    /** The log call's arguments as it passed them (never null); only for a record not frozen. */
    Object[] rawArgs() {
        Object[] a = event.getArgumentArray();
        return a == null ? NO_ARGS : a;
    }

    private static final Object[] NO_ARGS = new Object[0];

    /**
     * The log call's arguments as POX sends them: numbers (the JDK's immutable ones), booleans and
     * nulls as themselves, everything else as its text.
     */
    public Object[] args() {
        if (args == null) {
            args = frozenArgs != null ? frozenArgs : argValues(event.getArgumentArray());
        }
        return args;
    }

    public long timeMillis() {
        return event.getTimeStamp();
    }

    /** Seconds since the epoch, with the event's sub-millisecond part where logback has it. */
    public double created() {
        Instant i = event.getInstant();
        return i != null ? i.getEpochSecond() + i.getNano() / 1e9 : event.getTimeStamp() / 1000.0;
    }

    /** Microseconds since the epoch, for {@code created}. */
    public long createdMicros() {
        Instant i = event.getInstant();
        return i != null ? i.getEpochSecond() * 1_000_000 + i.getNano() / 1000 : event.getTimeStamp() * 1000;
    }

    public String threadName() {
        return event.getThreadName();
    }

    public IThrowableProxy throwable() {
        return event.getThrowableProxy();
    }

    /** The stack trace as text, each line ending in a newline; null without an exception. */
    public String exceptionText() {
        if (excText == null && event.getThrowableProxy() != null) {
            // Each of its lines ends in a line separator already; adding one made a last, empty
            // line (an "\n" of its own in exc, a blank line after the message).
            String s = ThrowableProxyUtil.asString(event.getThrowableProxy());
            excText = s.endsWith("\n") ? s : s + "\n";
        }
        return excText;
    }

    public StackTraceElement caller() {
        // Caller data exists only when the appender asked for it on the logging thread; asking
        // here would compute the service thread's own stack.
        if (!event.hasCallerData()) {
            return null;
        }
        StackTraceElement[] cd = event.getCallerData();
        return cd == null || cd.length == 0 ? null : cd[0];
    }

    private static Object[] argValues(Object[] args) {
        if (args == null) {
            return new Object[0];
        }
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null || a instanceof Boolean || PyNumbers.immutable(a)) {
                out[i] = a;
                continue;
            }
            try {
                out[i] = String.valueOf(a);
            } catch (RuntimeException e) {
                out[i] = "<" + a.getClass().getName() + ".toString() failed: " + e + ">";
            }
        }
        return out;
    }
}
