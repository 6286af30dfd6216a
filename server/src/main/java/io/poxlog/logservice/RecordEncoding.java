package io.poxlog.logservice;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.poxlog.logservice.format.PyLogFormat;
import io.poxlog.logservice.format.Strftime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * One way of turning a record into the message a subscriber is sent: a Python logging
 * {@code format}, a {@code dateFormat} and the {@code json} flag (PROTOCOL.md §5.2). Subscribers
 * with equal settings share one instance, so each record is encoded once per distinct encoding.
 *
 * <p>{@link #encodeBody} writes the message without its opening brace, to follow a
 * per-subscriber head {@code {"CHANNEL":"log_x",}. Used by the log-service thread only (it reuses
 * one buffer); equality and hashing are safe anywhere.
 *
 * <p>One record may take at most {@code maxRecordBytes} (issue 10): settings whose fixed part
 * alone (literal text, widths, dates) could pass it are refused here, once; a record whose own
 * text passes it is sent cut, with a marker, {@code "truncated": true} and a count
 * ({@link RecordCut}). The check costs one comparison per record and distinct encoding.
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
    private static final byte[] TRUNCATED_TRUE = "\"truncated\":true".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Keys and numbers of the {@code json} attributes, beyond the texts counted apart: generous. */
    private static final int JSON_FIXED_BYTES = 1024;
    /** The message key, seq and braces. */
    private static final int BASE_BYTES = 64;
    /** Buffers grown past this for one big record are let go rather than kept for every record after. */
    private static final int KEEP_CHARS = 256 * 1024;
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
    private StringBuilder text = new StringBuilder(256);
    private final int maxRecordBytes;
    private final RecordCut cut;

    /** With the default bound of one record, {@link LogServiceConfig#DEFAULT_MAX_RECORD_BYTES}, counted nowhere. */
    public RecordEncoding(String format, String dateFormat, boolean json, ZoneId zone, long startMillis) {
        this(format, dateFormat, json, zone, startMillis, LogServiceConfig.DEFAULT_MAX_RECORD_BYTES, new LongAdder());
    }

    /**
     * @param maxRecordBytes the most bytes one record may take (without its {@code CHANNEL})
     * @param cuts counts the records sent cut
     * @throws IllegalArgumentException when the format is not a valid Python logging format, a
     *     width of the date format is past its limit, or the two could make records longer than
     *     {@code maxRecordBytes}; the message starts with the key at fault
     */
    public RecordEncoding(String format, String dateFormat, boolean json, ZoneId zone, long startMillis,
                          int maxRecordBytes, LongAdder cuts) {
        this.formatSource = format == null ? DEFAULT_FORMAT : format;
        this.dateFormatSource = dateFormat;
        this.json = json;
        try {
            this.format = PyLogFormat.compile(formatSource, FORMAT_KEYS);
            // Python fails per record on a type mismatch such as %(message)d; fail once, here.
            this.format.format(RecordEncoding::sampleAttribute);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'format': " + e.getMessage(), e);
        }
        this.plainMessage = formatSource.equals(DEFAULT_FORMAT);
        try {
            this.dateFormat = dateFormat == null ? null : Strftime.compile(dateFormat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'dateFormat': " + e.getMessage(), e);
        }
        this.zone = zone;
        this.startMillis = startMillis;
        this.maxRecordBytes = maxRecordBytes;
        this.cut = new RecordCut(maxRecordBytes, cuts);
        long fixed = fixedBytes();
        if (fixed > maxRecordBytes) {
            throw new IllegalArgumentException((dateFormat == null ? "'format'" : "'format' and 'dateFormat'")
                    + " could make one record up to " + fixed + " bytes long before any text of its own, past the limit of "
                    + maxRecordBytes + " bytes one record may take for one subscription (max_record_bytes)");
        }
    }

    /**
     * A bound on the bytes of a record with empty texts: what the settings alone make of every
     * record. Each character is at most 2 bytes of JSON when the formats are printable ASCII
     * (an escaped quote, backslash, or %n's newline), and at most 6 ({@code \u00e9}) otherwise.
     */
    private long fixedBytes() {
        long asctime = dateFormat == null ? 23 : dateFormat.maxLength();
        long chars = format.maxLength(key -> switch (key) {
            case "asctime" -> asctime;
            case "levelname" -> 8;
            case "processName" -> PROCESS_NAME_VALUE.length();
            // The record's own texts: the part a record may have to be cut for.
            case "message", "name", "threadName", "module", "funcName", "filename", "pathname" -> 0;
            default -> 24; // numbers: a long, or a double as %s writes it
        });
        if (json) {
            chars += asctime;
        }
        long perChar = printableAscii(formatSource) && (dateFormatSource == null || printableAscii(dateFormatSource)) ? 2 : 6;
        return chars * perChar + BASE_BYTES + (json ? JSON_FIXED_BYTES : 0);
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
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

    /**
     * The record's body: its keys, then the closing brace, as UTF-8 JSON; at most
     * {@code maxRecordBytes} with the head's opening brace.
     */
    public byte[] encodeBody(LogRecord r) {
        String message = formatMessage(r);
        if (message.length() > maxRecordBytes) {
            return encodeCut(r, message); // a character is at least a byte: it cannot fit
        }
        JsonBytes j = out.reset();
        j.startObject();
        j.string(MESSAGE, message);
        j.number(SEQ, r.seq);
        if (json) {
            writeAttributes(j, r, Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        j.endObject();
        if (j.length() > maxRecordBytes) {
            return encodeCut(r, message);
        }
        return j.toBytesAfterFirst();
    }

    /**
     * The record cut to fit: {@code seq}, {@code "truncated": true}, with {@code json} the
     * attributes with each text and list shortened, and as much of the message as still fits,
     * followed by the marker. Failing that (attributes long past any sense), only its level and
     * logger with the message.
     */
    private byte[] encodeCut(LogRecord r, String message) {
        cut.count();
        JsonBytes j = out.reset();
        j.startObject();
        j.number(SEQ, r.seq);
        j.fields(TRUNCATED_TRUE);
        if (json) {
            writeAttributes(j, r, RecordCut.TEXT_CHARS, RecordCut.ELEMENTS);
        }
        int room = cut.roomForMessage(j.length(), MESSAGE.length);
        if (room < RecordCut.TEXT_CHARS) {
            j = out.reset();
            j.startObject();
            j.number(SEQ, r.seq);
            j.fields(TRUNCATED_TRUE);
            j.encoded(LEVELNAME, names.bytes(r.level().name()));
            j.number(LEVELNO, r.level().number());
            j.string(NAME, RecordCut.shorten(r.loggerName(), RecordCut.TEXT_CHARS));
            room = cut.roomForMessage(j.length(), MESSAGE.length);
        }
        j.string(MESSAGE, cut.message(message, room));
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
        // Past the limit the record is cut anyway: a format that repeats a long value need not
        // be built whole.
        boolean whole = format.formatTo(text, key -> attribute(r, key), maxRecordBytes);
        if (exc != null && whole && text.length() <= maxRecordBytes) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append(exc, 0, exc.endsWith("\n") ? exc.length() - 1 : exc.length());
        }
        String s = text.toString();
        if (text.capacity() > KEEP_CHARS) {
            text = new StringBuilder(256);
        }
        return s;
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

    private static void writeProcessAndCaller(JsonBytes j, StackTraceElement c, int cap) {
        j.number(PROCESS, PID);
        j.string(PROCESS_NAME, PROCESS_NAME_VALUE);
        j.string(MODULE, RecordCut.shorten((String) callerAttribute(c, "module"), cap));
        j.string(FUNC_NAME, RecordCut.shorten((String) callerAttribute(c, "funcName"), cap));
        j.number(LINENO, (Integer) callerAttribute(c, "lineno"));
        j.string(FILENAME, RecordCut.shorten((String) callerAttribute(c, "filename"), cap));
        j.string(PATHNAME, RecordCut.shorten((String) callerAttribute(c, "pathname"), cap));
    }

    /** Those fields encoded alone, without braces, to be copied into record after record. */
    private static byte[] processAndCallerFields(StackTraceElement c) {
        JsonBytes j = new JsonBytes();
        j.startObject();
        writeProcessAndCaller(j, c, Integer.MAX_VALUE);
        j.endObject();
        byte[] afterBrace = j.toBytesAfterFirst();
        return java.util.Arrays.copyOf(afterBrace, afterBrace.length - 1);
    }

    /**
     * The {@code json} attributes. {@code cap} and {@code elements} shorten each text and list
     * for a record being cut; a whole record passes {@code Integer.MAX_VALUE} for both.
     */
    private void writeAttributes(JsonBytes j, LogRecord r, int cap, int elements) {
        PoxLevel level = r.level();
        j.encoded(LEVELNAME, names.bytes(level.name()));
        j.number(LEVELNO, level.number());
        name(j, NAME, r.loggerName(), cap);
        j.micros(CREATED, r.createdMicros());
        j.micros(MSECS, Math.floorMod(r.timeMillis(), 1000L) * 1_000_000);
        j.micros(RELATIVE_CREATED, (r.timeMillis() - startMillis) * 1_000_000);
        j.encoded(ASCTIME, asctimeBytes(r));
        j.number(THREAD, r.threadId);
        name(j, THREAD_NAME, r.threadName(), cap);
        StackTraceElement c = r.caller();
        if (c == null) {
            j.fields(PROCESS_AND_NO_CALLER);
        } else {
            writeProcessAndCaller(j, c, cap);
        }
        j.startArray(ARGS);
        String[] args = r.args();
        for (int i = 0; i < args.length && i < elements; i++) {
            j.element(RecordCut.shorten(args[i], cap));
        }
        if (args.length > elements) {
            j.element(RecordCut.more(args.length - elements));
        }
        j.endArray();
        IThrowableProxy t = r.throwable();
        if (t != null) {
            writeException(j, t, r.exceptionText(), cap, elements);
        }
    }

    private void name(JsonBytes j, byte[] key, String value, int cap) {
        if (value == null || value.length() <= cap) {
            j.encoded(key, names.bytes(value));
        } else {
            j.string(key, RecordCut.shorten(value, cap));
        }
    }

    /** {@code exc_info} as POX sends it, {@code [type, message, [first frame]]}, and {@code exc}. */
    private static void writeException(JsonBytes j, IThrowableProxy t, String text, int cap, int elements) {
        j.startArray(EXC_INFO);
        j.element(RecordCut.shorten(t.getClassName(), cap));
        j.element(RecordCut.shorten(t.getMessage() == null ? "" : t.getMessage(), cap));
        j.startElementArray(); // the first frame, itself a list
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        if (frames != null && frames.length > 0) {
            StackTraceElement f = frames[0].getStackTraceElement();
            j.element(RecordCut.shorten("  File \"" + (f.getFileName() == null ? f.getClassName() : f.getFileName())
                    + "\", line " + Math.max(f.getLineNumber(), 0) + ", in " + f.getClassName() + "." + f.getMethodName() + "\n", cap));
        }
        j.endArray();
        j.endArray();
        j.startArray(EXC);
        int start = 0;
        int lines = 0;
        for (int i = 0; i < text.length() && lines < elements; i++) {
            if (text.charAt(i) == '\n') {
                j.element(RecordCut.shorten(text.substring(start, i + 1), cap));
                lines++;
                start = i + 1;
            }
        }
        if (start < text.length()) {
            j.element(lines < elements ? RecordCut.shorten(text.substring(start), cap) : RecordCut.more(-1));
        }
        j.endArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordEncoding e && json == e.json && formatSource.equals(e.formatSource)
                && Objects.equals(dateFormatSource, e.dateFormatSource) && maxRecordBytes == e.maxRecordBytes;
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
