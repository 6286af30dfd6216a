package io.poxlog.logservice;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.poxlog.logservice.format.PyNumbers;

/**
 * The attributes every record carries for a {@code json: true} subscription (PROTOCOL.md §5.2),
 * in POX's order, written into a {@link RecordEncoding}'s buffer after its message and seq: the
 * level, logger, times, thread, process and caller, {@code args}, and for an exception
 * {@code exc_info} and {@code exc}. Not thread-safe: one per encoding, on the log-service thread.
 */
final class JsonAttributes {
    static final long PID = ProcessHandle.current().pid();
    static final String PROCESS_NAME_VALUE = "MainProcess";
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
    /** The fields from {@code process} on, for a record without caller data (the default): all constant. */
    private static final byte[] PROCESS_AND_NO_CALLER = processAndCallerFields(null);

    /** {@code msecs} of each millisecond of a second, {@code 0.0} to {@code 999.0}: Python's float text. */
    private static final byte[][] MSECS_TEXT = new byte[1000][];

    static {
        for (int i = 0; i < 1000; i++) {
            MSECS_TEXT[i] = (i + ".0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private final long startMillis;
    /** Logger and thread names recur record after record: encode each once. */
    private final EncodedNames names = new EncodedNames();
    /** The whole seconds of {@code created} and their text with the point: they change once a second. */
    private long createdSecond = -1;
    private byte[] createdSecondText;
    /** The last logger and thread names and their encodings: most records repeat the one before. */
    private String lastLogger;
    private byte[] lastLoggerText;
    private String lastThread;
    private byte[] lastThreadText;
    /** The last record's {@code relativeCreated} and thread id, as text: they repeat (a millisecond holds many records). */
    private long lastRelative = -1;
    private byte[] lastRelativeText;
    private long lastThreadId = -1;
    private byte[] lastThreadIdText;
    private final LevelAndName levelAndName = new LevelAndName();
    private final TimeAndThread timeAndThread = new TimeAndThread();

    JsonAttributes(long startMillis) {
        this.startMillis = startMillis;
    }

    /** A caller attribute (from caller data, when the appender captured it), as Python's LogRecord has it. */
    static Object callerAttribute(StackTraceElement c, String key) {
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
        j.string(MODULE, RecordLimit.shorten((String) callerAttribute(c, "module"), cap));
        j.string(FUNC_NAME, RecordLimit.shorten((String) callerAttribute(c, "funcName"), cap));
        j.number(LINENO, (Integer) callerAttribute(c, "lineno"));
        j.string(FILENAME, RecordLimit.shorten((String) callerAttribute(c, "filename"), cap));
        j.string(PATHNAME, RecordLimit.shorten((String) callerAttribute(c, "pathname"), cap));
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
     * The attributes, after what the writer holds. {@code cap} and {@code elements} shorten each
     * text and list of a record being cut; a whole record passes {@code Integer.MAX_VALUE} for both.
     */
    void write(JsonBytes j, LogRecord r, byte[] asctime, int cap, int elements) {
        write(j, r, asctime, cap, elements, null, null);
    }

    /**
     * As {@link #write(JsonBytes, LogRecord, byte[], int, int)}; with {@code direct} not null, the
     * message was written by it from {@code rawArgs}, and {@code args} copies their text from there.
     */
    void write(JsonBytes j, LogRecord r, byte[] asctime, int cap, int elements, DirectMessage direct, Object[] rawArgs) {
        StackTraceElement c = r.caller();
        if (cap == Integer.MAX_VALUE && c == null) {
            // A whole record without caller data: all but created's fraction is one of two runs
            // of bytes that repeat from record to record, copied whole (see LevelAndName, TimeAndThread).
            j.fields(levelAndName.of(r));
            created(j, r.createdMicros());
            j.fields(timeAndThread.of(r, asctime));
        } else {
            levelAndName(j, r, cap);
            created(j, r.createdMicros());
            timeAndThread(j, r, asctime, cap);
            if (c == null) {
                j.fields(PROCESS_AND_NO_CALLER);
            } else {
                writeProcessAndCaller(j, c, cap);
            }
        }
        j.startArray(ARGS);
        if (direct != null) {
            direct.writeArgs(j, rawArgs); // a whole record: no element is cut
        } else {
            Object[] args = r.args();
            for (int i = 0; i < args.length && i < elements; i++) {
                arg(j, args[i], cap);
            }
            if (args.length > elements) {
                j.element(RecordLimit.more(args.length - elements));
            }
        }
        j.endArray();
        IThrowableProxy t = r.throwable();
        if (t != null) {
            writeException(j, t, r.exceptionText(), cap, elements);
        }
    }

    /** {@code levelname}, {@code levelno} and {@code name}. */
    private void levelAndName(JsonBytes j, LogRecord r, int cap) {
        PoxLevel level = r.level();
        j.encoded(LEVELNAME, names.bytes(level.name()));
        j.number(LEVELNO, level.number());
        String logger = r.loggerName();
        if (logger != null && logger == lastLogger) {
            j.encoded(NAME, lastLoggerText); // a whole name: it was within every cap already
        } else {
            name(j, NAME, logger, cap);
            if (logger != null && logger.length() <= RecordLimit.TEXT_CHARS) {
                lastLogger = logger;
                lastLoggerText = names.bytes(logger);
            }
        }
    }

    /** {@code msecs}, {@code relativeCreated}, {@code asctime}, {@code thread} and {@code threadName}. */
    private void timeAndThread(JsonBytes j, LogRecord r, byte[] asctime, int cap) {
        j.encoded(MSECS, MSECS_TEXT[(int) Math.floorMod(r.timeMillis(), 1000L)]);
        long relative = r.timeMillis() - startMillis;
        if (relative >= 0) {
            if (relative != lastRelative) {
                lastRelativeText = (relative + ".0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                lastRelative = relative;
            }
            j.encoded(RELATIVE_CREATED, lastRelativeText);
        } else {
            j.micros(RELATIVE_CREATED, relative * 1_000_000);
        }
        j.encoded(ASCTIME, asctime);
        if (r.threadId != lastThreadId) {
            lastThreadIdText = Long.toString(r.threadId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            lastThreadId = r.threadId;
        }
        j.encoded(THREAD, lastThreadIdText);
        String thread = r.threadName();
        if (thread != null && thread == lastThread) {
            j.encoded(THREAD_NAME, lastThreadText);
        } else {
            name(j, THREAD_NAME, thread, cap);
            if (thread != null && thread.length() <= RecordLimit.TEXT_CHARS) {
                lastThread = thread;
                lastThreadText = names.bytes(thread);
            }
        }
    }

    /**
     * The fields {@link #levelAndName} writes, encoded once for each level and logger in a row:
     * one copy per record instead of three fields, each a name, a value and a bounds check.
     */
    private final class LevelAndName {
        private final JsonBytes scratch = new JsonBytes();
        private PoxLevel level;
        private String logger;
        private byte[] encoded;

        byte[] of(LogRecord r) {
            PoxLevel l = r.level();
            String n = r.loggerName();
            if (l != level || n != logger || encoded == null) {
                encoded = fieldsOf(scratch, j -> levelAndName(j, r, Integer.MAX_VALUE));
                level = l;
                logger = n;
            }
            return encoded;
        }
    }

    /**
     * The fields from {@code msecs} to the end of the (absent) caller's, encoded once while the
     * millisecond, {@code asctime} (the encoding's, kept per millisecond) and the thread stay
     * the same: at a million records a second, a thousand records share them.
     */
    private final class TimeAndThread {
        private final JsonBytes scratch = new JsonBytes();
        private long millis;
        private byte[] asctime;
        private long threadId;
        private String threadName;
        private byte[] encoded;

        byte[] of(LogRecord r, byte[] asctimeNow) {
            if (r.timeMillis() != millis || asctimeNow != asctime || r.threadId != threadId
                    || r.threadName() != threadName || encoded == null) {
                encoded = fieldsOf(scratch, j -> {
                    timeAndThread(j, r, asctimeNow, Integer.MAX_VALUE);
                    j.fields(PROCESS_AND_NO_CALLER);
                });
                millis = r.timeMillis();
                asctime = asctimeNow;
                threadId = r.threadId;
                threadName = r.threadName();
            }
            return encoded;
        }
    }

    /** What {@code fields} writes as the first fields of an object, without braces: for {@link JsonBytes#fields}. */
    private static byte[] fieldsOf(JsonBytes scratch, java.util.function.Consumer<JsonBytes> fields) {
        JsonBytes j = scratch.reset();
        j.startObject();
        fields.accept(j);
        return j.toBytesAfterFirst();
    }

    /** {@code created}, seconds with microseconds as Python prints the float; the seconds' text kept for the second. */
    private void created(JsonBytes j, long micros) {
        if (micros < 0) {
            j.micros(CREATED, micros);
            return;
        }
        long second = micros / 1_000_000;
        if (second != createdSecond) {
            createdSecondText = (second + ".").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            createdSecond = second;
        }
        j.encoded(CREATED, createdSecondText);
        j.fraction6((int) (micros % 1_000_000));
    }

    private void name(JsonBytes j, byte[] key, String value, int cap) {
        if (value == null || value.length() <= cap) {
            j.encoded(key, names.bytes(value));
        } else {
            j.string(key, RecordLimit.shorten(value, cap));
        }
    }

    /** {@code exc_info} as POX sends it, {@code [type, message, [first frame]]}, and {@code exc}. */
    private static void writeException(JsonBytes j, IThrowableProxy t, String text, int cap, int elements) {
        j.startArray(EXC_INFO);
        j.element(RecordLimit.shorten(t.getClassName(), cap));
        j.element(RecordLimit.shorten(t.getMessage() == null ? "" : t.getMessage(), cap));
        j.startElementArray(); // the first frame, itself a list
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        if (frames != null && frames.length > 0) {
            StackTraceElement f = frames[0].getStackTraceElement();
            j.element(RecordLimit.shorten("  File \"" + (f.getFileName() == null ? f.getClassName() : f.getFileName())
                    + "\", line " + Math.max(f.getLineNumber(), 0) + ", in " + f.getClassName() + "." + f.getMethodName() + "\n", cap));
        }
        j.endArray();
        j.endArray();
        j.startArray(EXC);
        int start = 0;
        int lines = 0;
        for (int i = 0; i < text.length() && lines < elements; i++) {
            if (text.charAt(i) == '\n') {
                j.element(RecordLimit.shorten(text.substring(start, i + 1), cap));
                lines++;
                start = i + 1;
            }
        }
        if (start < text.length()) {
            j.element(lines < elements ? RecordLimit.shorten(text.substring(start), cap) : RecordLimit.more(-1));
        }
        j.endArray();
    }

    /** Only the level and logger: what a record cut to almost nothing keeps. */
    void writeLevelAndName(JsonBytes j, LogRecord r) {
        j.encoded(LEVELNAME, names.bytes(r.level().name()));
        j.number(LEVELNO, r.level().number());
        name(j, NAME, r.loggerName(), RecordLimit.TEXT_CHARS);
    }

    /** One argument as POX sends it: a number stays a number, a boolean or null stays itself. */
    private static void arg(JsonBytes j, Object a, int cap) {
        if (a == null) {
            j.elementLiteral("null");
        } else if (a instanceof Boolean b) {
            j.elementLiteral(b ? "true" : "false");
        } else if (a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte) {
            j.element(((Number) a).longValue()); // the common case, written without a string between
        } else if (a instanceof Number n) {
            String json = PyNumbers.json(n);
            if (json == null) {
                j.element(n.toString()); // NaN and infinities are not JSON: their text instead
            } else {
                j.elementLiteral(json);
            }
        } else {
            j.element(RecordLimit.shorten((String) a, cap));
        }
    }
}
