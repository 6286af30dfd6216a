package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.model.Levels;
import java.util.Set;

/**
 * Levels as a POX controller accepts them in {@code setLevels}: its own names as text, anything
 * else (TRACE, 15) as a number. Python's logging refuses the text "TRACE" or "15" with an error
 * that makes POX stop reading the connection; a number it takes, and so do our controllers.
 */
final class PoxLevels {
    private static final Set<String> POX_NAMES = Set.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", Levels.NOTSET);

    private PoxLevels() {
    }

    /** Puts {@code logger: level} into a {@code setLevels} object. */
    static void put(ObjectNode setLevels, String logger, String level) {
        String canonical = level.equalsIgnoreCase(Levels.NOTSET) ? Levels.NOTSET : Levels.canonical(level);
        if (POX_NAMES.contains(canonical)) {
            setLevels.put(logger, canonical);
        } else {
            setLevels.put(logger, Levels.number(canonical));
        }
    }
}
