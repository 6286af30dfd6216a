package io.poxlog.logservice;

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
 * ({@link RecordLimit}). The check costs two comparisons per record and distinct encoding: the
 * message's length, then the whole record's.
 */
public final class RecordEncoding {
    public static final String DEFAULT_FORMAT = "%(message)s";
    /** Every key a format may use: Python's LogRecord attributes, and {@code seq}. */
    public static final Set<String> FORMAT_KEYS = Set.of("message", "levelname", "levelno", "name", "asctime",
            "created", "msecs", "relativeCreated", "thread", "threadName", "module", "funcName", "lineno",
            "filename", "pathname", "process", "processName", "seq");

    private static final byte[] MESSAGE = JsonBytes.name("message");
    private static final byte[] SEQ = JsonBytes.name("seq");
    private static final byte[] TRUNCATED_TRUE = "\"truncated\":true".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Buffers grown past this for one big record are let go rather than kept for every record after. */
    private static final int KEEP_CHARS = 256 * 1024;
    private static final Strftime DEFAULT_DATE = Strftime.compile("%Y-%m-%d %H:%M:%S");

    private final String formatSource;
    private final String dateFormatSource;
    private final boolean json;
    private final PyLogFormat format;
    private final Strftime dateFormat;
    private final ZoneId zone;
    private final long startMillis;
    private final JsonBytes out = new JsonBytes();
    private final JsonAttributes attributes;
    private final DirectMessage direct = new DirectMessage();
    private long asctimeMillis = Long.MIN_VALUE;
    private byte[] asctimeEncoded;
    private final boolean plainMessage;
    private StringBuilder text = new StringBuilder(256);
    private final int maxRecordBytes;
    private final RecordLimit limit;

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
        this.attributes = new JsonAttributes(startMillis);
        this.limit = new RecordLimit(maxRecordBytes, cuts);
        limit.check(this.format, formatSource, this.dateFormat, dateFormatSource, json);
    }

    public boolean json() {
        return json;
    }

    /**
     * How many record bodies this instance encoded: lets tests prove sharing. A plain count (the
     * service thread's alone): a shared atomic one was 4% of that thread.
     */
    private long encoded;

    /** Record bodies encoded by {@link #body} so far (log-service thread). */
    long encoded() {
        return encoded;
    }

    /** Tests only: how many messages were written straight from their pattern ({@link DirectMessage}). */
    long directlyWritten() {
        return direct.written;
    }

    private long cachedSeq = -1;
    private byte[] cachedBody;

    /** The record's body, encoded at most once per record: subscribers sharing this encoding share it. */
    byte[] body(LogRecord r) {
        if (r.seq != cachedSeq) {
            cachedBody = encodeBody(r);
            encoded++;
            cachedSeq = r.seq;
        }
        return cachedBody;
    }

    /**
     * The record's body: its keys, then the closing brace, as UTF-8 JSON; at most
     * {@code maxRecordBytes} with the head's opening brace.
     */
    public byte[] encodeBody(LogRecord r) {
        JsonBytes j = out.reset();
        encodeInto(j, r);
        return j.toBytesAfterFirst();
    }

    /**
     * Appends the record to {@code into}, as {@link #encodeBody} encodes it, and returns where
     * its body starts: the body is {@code into}'s bytes from there to its {@link JsonBytes#length}.
     * One buffer holds a whole drain's bodies this way, with no array of its own for each.
     */
    int bodyInto(JsonBytes into, LogRecord r) {
        int start = into.length();
        encodeInto(into, r);
        encoded++;
        return start + 1;
    }

    /** Writes the record from {@code j}'s end: its opening brace, then the body. */
    private void encodeInto(JsonBytes j, LogRecord r) {
        int start = j.length();
        if (plainMessage && encodeDirect(j, start, r)) {
            return;
        }
        j.rewind(start);
        String message = formatMessage(r);
        if (message.length() > maxRecordBytes) {
            encodeCut(j, start, r, message); // a character is at least a byte: it cannot fit
            return;
        }
        j.startObject();
        j.string(MESSAGE, message);
        j.number(SEQ, r.seq);
        if (json) {
            attributes.write(j, r, asctimeBytes(r), Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        j.endObject();
        if (j.length() - start > maxRecordBytes) {
            encodeCut(j, start, r, message);
        }
    }

    /**
     * The common record (the default format, no exception, a plain pattern and simple arguments)
     * with its message written straight from the log call's pattern and arguments, and its
     * arguments' text reused for {@code args} ({@link DirectMessage}); false, with whatever it
     * wrote from {@code start} on to be dropped, when it is not one.
     */
    private boolean encodeDirect(JsonBytes j, int start, LogRecord r) {
        if (r.messageKnown() || r.throwable() != null) {
            return false;
        }
        String pattern = r.pattern();
        Object[] args = r.rawArgs();
        // Without arguments the message is the pattern itself, as logback gives it: nothing to gain.
        if (pattern == null || args.length == 0 || !DirectMessage.simpleArguments(args)) {
            return false;
        }
        j.startObject();
        if (!direct.writeMessage(j, MESSAGE, pattern, args)) {
            return false;
        }
        j.number(SEQ, r.seq);
        if (json) {
            attributes.write(j, r, asctimeBytes(r), Integer.MAX_VALUE, Integer.MAX_VALUE, direct, args);
        }
        j.endObject();
        if (j.length() - start > maxRecordBytes) {
            encodeCut(j, start, r, r.message());
        }
        return true;
    }

    /**
     * The record cut to fit, written again from {@code start}: {@code seq},
     * {@code "truncated": true}, with {@code json} the attributes with each text and list
     * shortened, and as much of the message as still fits, followed by the marker. Failing that
     * (attributes long past any sense), only its level and logger with the message.
     */
    private void encodeCut(JsonBytes j, int start, LogRecord r, String message) {
        limit.count();
        j.rewind(start);
        j.startObject();
        j.number(SEQ, r.seq);
        j.fields(TRUNCATED_TRUE);
        if (json) {
            attributes.write(j, r, asctimeBytes(r), RecordLimit.TEXT_CHARS, RecordLimit.ELEMENTS);
        }
        int room = limit.roomForMessage(j.length() - start, MESSAGE.length);
        if (room < RecordLimit.TEXT_CHARS) {
            j.rewind(start);
            j.startObject();
            j.number(SEQ, r.seq);
            j.fields(TRUNCATED_TRUE);
            attributes.writeLevelAndName(j, r);
            room = limit.roomForMessage(j.length() - start, MESSAGE.length);
        }
        j.string(MESSAGE, limit.message(message, room));
        j.endObject();
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
            case "process": return JsonAttributes.PID;
            case "processName": return JsonAttributes.PROCESS_NAME_VALUE;
            case "seq": return r.seq;
            default:
                caller = r.caller();
                return JsonAttributes.callerAttribute(caller, key);
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
