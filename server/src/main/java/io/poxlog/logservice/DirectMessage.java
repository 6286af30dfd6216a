package io.poxlog.logservice;

/**
 * Writes a record's {@code message} straight into its JSON encoding, filling the log call's
 * pattern ({@code "PacketIn: in_port={} buffer_id={}"}) with the arguments as SLF4J's
 * {@code MessageFormatter} does, without building the message as a string first; and then its
 * {@code args} by copying the text each argument was given in the message, so that each
 * argument is turned into text once, not twice (once for the message, once for {@code args}).
 *
 * <p>Only for what it can write exactly as SLF4J and {@link JsonAttributes} would: a pattern of
 * printable ASCII without quotes or backslashes (so no escaped placeholders, and no escaping),
 * at most {@link #MAX_PATTERN_CHARS} long, and arguments that are strings, whole numbers,
 * booleans or null. Anything else (and a record whose message is already known: frozen,
 * already asked for by a filter) goes the usual way. Patterns are mostly constants of the code,
 * so the positions of their placeholders are kept for the last patterns seen, by identity.
 *
 * <p>Not thread-safe: one per {@link RecordEncoding}, on the log-service thread.
 */
final class DirectMessage {
    static final int MAX_PATTERN_CHARS = 1024;
    private static final int CACHED_PATTERNS = 64;
    private static final int[] NOT_PLAIN = new int[0];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final String[] patterns = new String[CACHED_PATTERNS];
    /** For each cached pattern, where its placeholders start, in the order MessageFormatter finds them; NOT_PLAIN if it cannot be written here. */
    private final int[][] anchors = new int[CACHED_PATTERNS][];
    /** Where each argument's text went in the message, for {@link #writeArgs}; -1 past the placeholders. */
    private int[] argFrom = new int[8];
    private int[] argTo = new int[8];
    private int filled;
    /** Messages written here so far: lets tests see that the common record takes this way. */
    long written;

    /** Whether the arguments are all of the kinds written here. */
    static boolean simpleArguments(Object[] args) {
        for (Object a : args) {
            if (!(a == null || a instanceof String || a instanceof Long || a instanceof Integer || a instanceof Boolean
                    || a instanceof Short || a instanceof Byte)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code name} and the message as a JSON string, or nothing and returns false when the
     * pattern cannot be written here. {@code args} must be {@link #simpleArguments}.
     */
    boolean writeMessage(JsonBytes j, byte[] name, String pattern, Object[] args) {
        int[] at = anchorsOf(pattern);
        if (at == NOT_PLAIN) {
            return false;
        }
        if (argFrom.length < args.length) {
            argFrom = new int[args.length];
            argTo = new int[args.length];
        }
        j.name(name);
        j.raw((byte) '"');
        int i = 0;
        int k = 0;
        for (; k < args.length && k < at.length; k++) {
            j.ascii(pattern, i, at[k]);
            argFrom[k] = j.length();
            text(j, args[k]);
            argTo[k] = j.length();
            i = at[k] + 2;
        }
        filled = k;
        j.ascii(pattern, i, pattern.length());
        j.raw((byte) '"');
        written++;
        return true;
    }

    /** The elements of {@code args}, after {@link #writeMessage} wrote the same record's message. */
    void writeArgs(JsonBytes j, Object[] args) {
        for (int k = 0; k < args.length; k++) {
            Object a = args[k];
            if (k < filled) {
                j.startElement();
                boolean quoted = a instanceof String;
                if (quoted) {
                    j.raw((byte) '"');
                }
                j.copyOf(argFrom[k], argTo[k]);
                if (quoted) {
                    j.raw((byte) '"');
                }
            } else if (a == null) {
                j.elementLiteral("null");
            } else if (a instanceof Boolean b) {
                j.elementLiteral(b ? "true" : "false");
            } else if (a instanceof String s) {
                j.element(s);
            } else {
                j.element(((Number) a).longValue());
            }
        }
    }

    /** An argument's text as MessageFormatter gives it ({@code String.valueOf}), escaped for a JSON string. */
    private static void text(JsonBytes j, Object a) {
        if (a instanceof String s) {
            j.stringContent(s);
        } else if (a == null) {
            j.rawBytes(NULL);
        } else if (a instanceof Boolean b) {
            j.stringContent(b ? "true" : "false");
        } else {
            j.number(((Number) a).longValue());
        }
    }

    private int[] anchorsOf(String pattern) {
        int slot = System.identityHashCode(pattern) & (CACHED_PATTERNS - 1);
        if (patterns[slot] == pattern) {
            return anchors[slot];
        }
        int[] at = compile(pattern);
        patterns[slot] = pattern;
        anchors[slot] = at;
        return at;
    }

    /**
     * Where MessageFormatter finds the placeholders: from the start, each {@code {}} after the
     * last one; NOT_PLAIN for a pattern that is too long or not printable ASCII without quotes
     * and backslashes.
     */
    static int[] compile(String pattern) {
        int n = pattern.length();
        if (n > MAX_PATTERN_CHARS) {
            return NOT_PLAIN;
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return NOT_PLAIN;
            }
        }
        for (int i = pattern.indexOf("{}"); i >= 0; i = pattern.indexOf("{}", i + 2)) {
            count++;
        }
        int[] at = new int[count];
        int k = 0;
        for (int i = pattern.indexOf("{}"); i >= 0; i = pattern.indexOf("{}", i + 2)) {
            at[k++] = i;
        }
        return at;
    }
}
