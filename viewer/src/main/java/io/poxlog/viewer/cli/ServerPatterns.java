package io.poxlog.viewer.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Whether a {@code --grep} or {@code --exclude} can be handed to the controller as well
 * (PROTOCOL.md §5.2): there it is RE2 (no lookaround, no backreferences, no possessive
 * quantifiers), at most {@value #MAX_LENGTH} characters compiled to at most {@value
 * #MAX_INSTRUCTIONS} instructions, the controller's limits. One it would refuse is applied by the
 * viewer alone, which then filters what the backlog brought rather than the backlog itself; the
 * viewer says so once. Stateless.
 */
final class ServerPatterns {
    /** The controller's limits for a subscription's grep and exclude (README, "Running it safely"). */
    static final int MAX_LENGTH = 1024;
    static final int MAX_INSTRUCTIONS = 500;

    private ServerPatterns() {
    }

    /** Null when the controller can apply {@code regex} too; else why not, in words. */
    static String problem(String regex) {
        if (regex.length() > MAX_LENGTH) {
            return "it is " + regex.length() + " characters long; a controller takes at most " + MAX_LENGTH;
        }
        Pattern p;
        try {
            p = Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            return "it is not RE2 syntax, which the controller speaks (" + e.getDescription() + ")";
        } catch (RuntimeException e) {
            return "RE2 cannot compile it (" + e.getMessage() + ")";
        }
        if (p.programSize() > MAX_INSTRUCTIONS) {
            return "it compiles to " + p.programSize() + " RE2 instructions; a controller takes at most " + MAX_INSTRUCTIONS;
        }
        return null;
    }
}
