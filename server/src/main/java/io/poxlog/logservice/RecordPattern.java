package io.poxlog.logservice;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.poxlog.messenger.core.RequestException;

/**
 * A subscription's {@code grep} or {@code exclude} (issue 11, an extension): a regular expression
 * over a record's logger name and message, run on the log-service thread for every record the
 * subscription's other filters pass. So it is RE2/J, which matches in time linear in the text
 * (no pattern can make it backtrack), and bounded: the pattern's length, the instructions it
 * compiles to (the factor in that linear time), and the part of a message it reads.
 *
 * <p>A record is matched as one text: its logger name, a newline, then its message (the log
 * call's, not the formatted line, and without the stack trace), with {@code ^} and {@code $}
 * matching at every line; so {@code ^openflow} finds a logger and {@code ^Connected} a message,
 * in one {@code find}.
 *
 * <p>What it may cost the log-service thread is bounded too ({@link FilterBudget}): past its
 * share of a second, {@link #examine} says {@link Match#UNEXAMINED} and the record passes.
 *
 * <p>The pattern is immutable and thread-safe (RE2/J's patterns are); {@link #examine} keeps this
 * pattern's share of the budget, on the log-service thread. Equal when their text is.
 */
final class RecordPattern {
    /** What {@link #examine} found. */
    enum Match { FOUND, NOT_FOUND, UNEXAMINED }

    /** As long as a subscription's {@code format} may be. */
    static final int MAX_LENGTH = SubscriptionSettings.MAX_FORMAT_LENGTH;
    /**
     * Instructions RE2/J compiles a pattern to, at most. RE2/J has no DFA: its NFA may step every
     * instruction at every character, so the worst find costs about instructions x characters x
     * 10 ns (4096 characters at 500 instructions: about 20 ms). Everyday patterns compile to a
     * few dozen ({@code \d{1,3}(\.\d{1,3}){3}}: 20; a UUID: 41).
     */
    static final int MAX_INSTRUCTIONS = 500;
    /** Characters of a message read; a match further on is not seen. */
    static final int MAX_TEXT = 4096;

    private final String source;
    private final Pattern pattern;
    private final FilterBudget.Share share = new FilterBudget.Share();

    private RecordPattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Compiles {@code source}, given under {@code key}.
     *
     * @throws RequestException naming the limit, or where the pattern is wrong
     */
    static RecordPattern compile(String key, String source) {
        if (source.length() > MAX_LENGTH) {
            throw new RequestException("'" + key + "' is " + source.length() + " characters long; the limit is "
                    + MAX_LENGTH);
        }
        RegexShape shape = RegexShape.of(source);
        // The estimate only guards the compilation; the compiled size below has the last word.
        if (shape.size() > 2L * MAX_INSTRUCTIONS) {
            throw tooLarge(key, "would compile to about " + shape.size());
        }
        Pattern p;
        try {
            p = Pattern.compile(source, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new RequestException("'" + key + "': " + syntaxError(source, shape, e) + " in '" + preview(source) + "'");
        }
        if (p.programSize() > MAX_INSTRUCTIONS) {
            throw tooLarge(key, "compiles to " + p.programSize());
        }
        // RE2/J loads and initialises its matching machinery (Unicode tables among it) on the
        // first match: let that happen here rather than on the service thread, on its budget.
        p.matcher("").find();
        return new RecordPattern(source, p);
    }

    private static RequestException tooLarge(String key, String size) {
        return new RequestException("'" + key + "' " + size + " instructions; the limit is " + MAX_INSTRUCTIONS
                + " (a counted repetition such as x{100} is that many copies of x)");
    }

    /** RE2/J's error with where it is: RE2/J gives the offending part of the pattern, never its place. */
    private static String syntaxError(String source, RegexShape shape, PatternSyntaxException e) {
        String description = e.getDescription();
        if (shape.unmatchedClose() >= 0 && (description.contains("internal error") || description.contains("unexpected )"))) {
            // RE2/J reports an unmatched ')' as an internal "stack underflow".
            return "unexpected ) at position " + shape.unmatchedClose();
        }
        if (description.startsWith("missing closing )") && shape.unclosedOpen() >= 0) {
            return "missing closing ) for the ( at position " + shape.unclosedOpen();
        }
        String part = e.getPattern();
        int at = part == null || part.isEmpty() ? source.length() : source.indexOf(part);
        String what = part == null || part.isEmpty() ? description : description + " `" + preview(part) + "`";
        return at < 0 ? what : what + " at position " + at;
    }

    /**
     * Whether the pattern occurs in the record's logger name or message: one find, unless this
     * pattern or all together have spent their share of the current second. Log-service thread.
     */
    Match examine(LogRecord r) {
        FilterBudget budget = FilterBudget.current();
        long start = System.nanoTime();
        if (!budget.allows(share, start)) {
            return Match.UNEXAMINED;
        }
        boolean found = find(r.loggerName(), r.message());
        budget.spend(share, System.nanoTime() - start);
        return found ? Match.FOUND : Match.NOT_FOUND;
    }

    /** Whether the pattern occurs in this logger name or message, whatever the budget. */
    boolean find(String loggerName, String message) {
        int length = Math.min(message.length(), MAX_TEXT);
        StringBuilder text = new StringBuilder(loggerName.length() + 1 + length);
        text.append(loggerName).append('\n').append(message, 0, length);
        return pattern.matcher(text).find();
    }

    String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordPattern other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    private static String preview(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
