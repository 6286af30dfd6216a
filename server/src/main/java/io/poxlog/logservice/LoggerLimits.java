package io.poxlog.logservice;

/**
 * How far clients may go with logger names (issue 10): logback creates a logger for every prefix
 * of a name it is given, and keeps each for the life of the controller, so names from the network
 * are bounded, and so are the loggers they may create and what {@code get_levels} replies.
 *
 * @param maxNameLength characters in a logger name a client gives that the controller does not have
 * @param maxNameParts parts (separated by {@code .} or {@code $}, as logback splits them) in such a name
 * @param maxNamesPerMessage logger names in one message: setLevels, raiseLevels, lowerLevels,
 *     subsystems, add_subsystems and remove_subsystems together
 * @param maxCreatedLoggers loggers that remote commands (level changes, injected records) may
 *     create, over the life of the service
 * @param maxLevelsReply loggers in one {@code get_levels} reply, its default and largest {@code limit}
 */
public record LoggerLimits(int maxNameLength, int maxNameParts, int maxNamesPerMessage, int maxCreatedLoggers,
        int maxLevelsReply) {
    public static final int DEFAULT_MAX_NAME_LENGTH = 256;
    public static final int DEFAULT_MAX_NAME_PARTS = 32;
    public static final int DEFAULT_MAX_NAMES_PER_MESSAGE = 1000;
    /**
     * logback finds a child logger by a linear search of its parent's children, so loggers
     * created under one parent cost time quadratic in their number, on the nexus thread: 2,000
     * long names under one parent cost about 0.3 s in all here, 10,000 about 7 s.
     */
    public static final int DEFAULT_MAX_CREATED_LOGGERS = 2000;
    public static final int DEFAULT_MAX_LEVELS_REPLY = 5000;

    public static final LoggerLimits DEFAULTS = new LoggerLimits(DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_NAME_PARTS,
            DEFAULT_MAX_NAMES_PER_MESSAGE, DEFAULT_MAX_CREATED_LOGGERS, DEFAULT_MAX_LEVELS_REPLY);

    public LoggerLimits {
        positive("maxNameLength", maxNameLength);
        positive("maxNameParts", maxNameParts);
        positive("maxNamesPerMessage", maxNamesPerMessage);
        if (maxCreatedLoggers < 0) {
            throw new IllegalArgumentException("maxCreatedLoggers must be 0 or more, not " + maxCreatedLoggers);
        }
        positive("maxLevelsReply", maxLevelsReply);
    }

    public LoggerLimits withMaxCreatedLoggers(int n) {
        return new LoggerLimits(maxNameLength, maxNameParts, maxNamesPerMessage, n, maxLevelsReply);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
