package io.poxlog.logservice;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.poxlog.logservice.format.PyLogFormat;
import io.poxlog.logservice.format.Strftime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * One way of turning a record into the message a subscriber is sent: a Python logging
 * {@code format}, a {@code dateFormat} and the {@code json} flag (PROTOCOL.md §5.2). Subscribers
 * with equal settings share one instance, so each record is encoded once per distinct encoding.
 *
 * <p>{@link #encodeBody} writes the message without its opening brace, to follow a
 * per-subscriber head {@code {"CHANNEL":"log_x",}. Used by the log-service thread only (it reuses
 * one buffer); equality and hashing are safe anywhere.
 */
public final class RecordEncoding {
    public static final String DEFAULT_FORMAT = "%(message)s";
    /** Every key a format may use: Python's LogRecord attributes, and {@code seq}. */
    public static final Set<String> FORMAT_KEYS = Set.of("message", "levelname", "levelno", "name", "asctime",
            "created", "msecs", "relativeCreated", "thread", "threadName", "module", "funcName", "lineno",
            "filename", "pathname", "process", "processName", "seq");

    static final long PID = ProcessHandle.current().pid();
    static final String PROCESS_NAME_VALUE = "MainProcess";
    private static final byte[] MESSAGE = JsonBytes.name("message");
    private static final byte[] SEQ = JsonBytes.name("seq");
    private static final byte[] LEVELNAME = JsonBytes.name("levelname");
    private static final byte[] LEVELNO = JsonBytes.name("levelno");
    private static final byte[] NAME = JsonBytes.name("name");
    private static final byte[] CREATED = JsonBytes.name("created");
    private static final byte[] MSECS = JsonBytes.name("msecs");
    private static final byte[] RELATIVE_CREATED = JsonBytes.name("relativeCreated");
    private static final byte[] ASCTIME = JsonBytes.name("asctime");
    private static final byte[] THREAD = JsonBytes.name("thread");
    private static final byte[] THREAD_NAME = JsonBytes.name("threadName");
    private static final byte[] PROCESS = JsonBytes.name("process");
    private static final byte[] PROCESS_NAME = JsonBytes.name("processName");
    private static final byte[] MODULE = JsonBytes.name("module");
    private static final byte[] FUNC_NAME = JsonBytes.name("funcName");
    private static final byte[] LINENO = JsonBytes.name("lineno");
    private static final byte[] FILENAME = JsonBytes.name("filename");
    private static final byte[] PATHNAME = JsonBytes.name("pathname");
    private static final byte[] ARGS = JsonBytes.name("args");
    private static final byte[] EXC_INFO = JsonBytes.name("exc_info");
    private static final byte[] EXC = JsonBytes.name("exc");
    private static final Strftime DEFAULT_DATE = Strftime.compile("%Y-%m-%d %H:%M:%S");
    /** The fields from {@code process} on, for a record without caller data (the default): all constant. */
    private static final byte[] PROCESS_AND_NO_CALLER = processAndCallerFields(null);

    private final String formatSource;
    private final String dateFormatSource;
    private final boolean json;
    private final PyLogFormat format;
    private final Strftime dateFormat;
    private final ZoneId zone;
    private final long startMillis;
    private final JsonBytes out = new JsonBytes();
    /** Logger and thread names recur record after record: encode each once. */
    private final EncodedNames names = new EncodedNames();
    private long asctimeMillis = Long.MIN_VALUE;
    private byte[] asctimeEncoded;
    private final boolean plainMessage;
    private final StringBuilder text = new StringBuilder(256);

    /**
     * @throws IllegalArgumentException when the format is not a valid Python logging format
     */
    public RecordEncoding(String format, String dateFormat, boolean json, ZoneId zone, long startMillis) {
        this.formatSource = format == null ? DEFAULT_FORMAT : format;
        this.dateFormatSource = dateFormat;
        this.json = json;
        this.format = PyLogFormat.compile(formatSource, FORMAT_KEYS);
        this.plainMessage = formatSource.equals(DEFAULT_FORMAT);
        // Python fails per record on a type mismatch such as %(message)d; fail once, here.
        this.format.format(RecordEncoding::sampleAttribute);
        this.dateFormat = dateFormat == null ? null : Strftime.compile(dateFormat);
        this.zone = zone;
        this.startMillis = startMillis;
    }

    public boolean json() {
        return json;
    }

    /** How many record bodies have been encoded, by every instance: lets tests prove sharing. */
    static final java.util.concurrent.atomic.LongAdder ENCODED = new java.util.concurrent.atomic.LongAdder();

    private long cachedSeq = -1;
    private byte[] cachedBody;

    /** The record's body, encoded at most once per record: subscribers sharing this encoding share it. */
    byte[] body(LogRecord r) {
        if (r.seq != cachedSeq) {
            cachedBody = encodeBody(r);
            ENCODED.increment();
            cachedSeq = r.seq;
        }
        return cachedBody;
    }

    /** The record's body: its keys, then the closing brace, as UTF-8 JSON. */
    public byte[] encodeBody(LogRecord r) {
        JsonBytes j = out.reset();
        j.startObject();
        j.string(MESSAGE, formatMessage(r));
        j.number(SEQ, r.seq);
        if (json) {
            writeAttributes(j, r);
        }
        j.endObject();
        return j.toBytesAfterFirst();
    }

    /** The formatted message; like Python's Formatter, the stack trace follows on new lines. */
    String formatMessage(LogRecord r) {
        String exc = r.exceptionText();
        if (plainMessage && exc == null) {
            return r.message(); // the default format, and the common case: nothing to build
        }
        text.setLength(0);
        format.formatTo(text, key -> attribute(r, key));
        if (exc != null) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append(exc, 0, exc.endsWith("\n") ? exc.length() - 1 : exc.length());
        }
        return text.toString();
    }

    /** {@code asctime} encoded, once per millisecond: many records share one. */
    private byte[] asctimeBytes(LogRecord r) {
        if (r.timeMillis() != asctimeMillis) {
            asctimeEncoded = JsonBytes.encodeString(asctime(r));
            asctimeMillis = r.timeMillis();
        }
        return asctimeEncoded;
    }

    String asctime(LogRecord r) {
        if (dateFormat != null) {
            return dateFormat.format(r.timeMillis(), zone);
        }
        StringBuilder sb = new StringBuilder(23);
        DEFAULT_DATE.formatTo(sb, r.timeMillis(), zone);
        long ms = Math.floorMod(r.timeMillis(), 1000L);
        sb.append(',').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        return sb.toString();
    }

    private Object attribute(LogRecord r, String key) {
        StackTraceElement caller;
        switch (key) {
            case "message": return r.message();
            case "levelname": return r.level().name();
            case "levelno": return r.level().number();
            case "name": return r.loggerName();
            case "asctime": return asctime(r);
            case "created": return r.created();
            case "msecs": return (double) Math.floorMod(r.timeMillis(), 1000L);
            case "relativeCreated": return (double) (r.timeMillis() - startMillis);
            case "thread": return r.threadId;
            case "threadName": return r.threadName();
            case "process": return PID;
            case "processName": return PROCESS_NAME_VALUE;
            case "seq": return r.seq;
            default:
                caller = r.caller();
                return callerAttribute(caller, key);
        }
    }

    /** A value of each attribute's type, to try a format on before any record needs it. */
    private static Object sampleAttribute(String key) {
        switch (key) {
            case "levelno": case "lineno": return 20;
            case "thread": case "process": case "seq": return 1L;
            case "created": case "msecs": case "relativeCreated": return 1.5;
            default: return "x";
        }
    }

    private static Object callerAttribute(StackTraceElement c, String key) {
        switch (key) {
            case "lineno": return c == null ? 0 : Math.max(c.getLineNumber(), 0);
            case "funcName": return c == null ? "" : c.getMethodName();
            case "filename": return c == null || c.getFileName() == null ? "" : c.getFileName();
            case "module": return c == null ? "" : simpleName(c.getClassName());
            case "pathname": return c == null ? "" : c.getClassName();
            default: return null;
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static void writeProcessAndCaller(JsonBytes j, StackTraceElement c) {
        j.number(PROCESS, PID);
        j.string(PROCESS_NAME, PROCESS_NAME_VALUE);
        j.string(MODULE, (String) callerAttribute(c, "module"));
        j.string(FUNC_NAME, (String) callerAttribute(c, "funcName"));
        j.number(LINENO, (Integer) callerAttribute(c, "lineno"));
        j.string(FILENAME, (String) callerAttribute(c, "filename"));
        j.string(PATHNAME, (String) callerAttribute(c, "pathname"));
    }

    /** Those fields encoded alone, without braces, to be copied into record after record. */
    private static byte[] processAndCallerFields(StackTraceElement c) {
        JsonBytes j = new JsonBytes();
        j.startObject();
        writeProcessAndCaller(j, c);
        j.endObject();
        byte[] afterBrace = j.toBytesAfterFirst();
        return java.util.Arrays.copyOf(afterBrace, afterBrace.length - 1);
    }

    private void writeAttributes(JsonBytes j, LogRecord r) {
        PoxLevel level = r.level();
        j.encoded(LEVELNAME, names.bytes(level.name()));
        j.number(LEVELNO, level.number());
        j.encoded(NAME, names.bytes(r.loggerName()));
        j.micros(CREATED, r.createdMicros());
        j.micros(MSECS, Math.floorMod(r.timeMillis(), 1000L) * 1_000_000);
        j.micros(RELATIVE_CREATED, (r.timeMillis() - startMillis) * 1_000_000);
        j.encoded(ASCTIME, asctimeBytes(r));
        j.number(THREAD, r.threadId);
        j.encoded(THREAD_NAME, names.bytes(r.threadName()));
        StackTraceElement c = r.caller();
        if (c == null) {
            j.fields(PROCESS_AND_NO_CALLER);
        } else {
            writeProcessAndCaller(j, c);
        }
        j.startArray(ARGS);
        for (String a : r.args()) {
            j.element(a);
        }
        j.endArray();
        IThrowableProxy t = r.throwable();
        if (t != null) {
            writeException(j, t, r.exceptionText());
        }
    }

    /** {@code exc_info} as POX sends it, {@code [type, message, [first frame]]}, and {@code exc}. */
    private static void writeException(JsonBytes j, IThrowableProxy t, String text) {
        j.startArray(EXC_INFO);
        j.element(t.getClassName());
        j.element(t.getMessage() == null ? "" : t.getMessage());
        j.startElementArray(); // the first frame, itself a list
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        if (frames != null && frames.length > 0) {
            StackTraceElement f = frames[0].getStackTraceElement();
            j.element("  File \"" + (f.getFileName() == null ? f.getClassName() : f.getFileName())
                    + "\", line " + Math.max(f.getLineNumber(), 0) + ", in " + f.getClassName() + "." + f.getMethodName() + "\n");
        }
        j.endArray();
        j.endArray();
        j.startArray(EXC);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                j.element(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            j.element(text.substring(start));
        }
        j.endArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordEncoding e && json == e.json && formatSource.equals(e.formatSource)
                && Objects.equals(dateFormatSource, e.dateFormatSource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formatSource, dateFormatSource, json);
    }

    @Override
    public String toString() {
        return "format=" + formatSource + " dateFormat=" + dateFormatSource + " json=" + json;
    }
}
