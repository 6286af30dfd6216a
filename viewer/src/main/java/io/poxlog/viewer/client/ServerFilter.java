package io.poxlog.viewer.client;

/**
 * The filters a {@link LogSubscription} asks the controller to apply (PROTOCOL.md §5.2), so that
 * {@code backlog}, {@code since} and the bandwidth respect them: the last N records asked for are
 * the last N that pass, not the ones among the last N that pass. A controller of this project
 * takes all three in the join; a POX controller is sent none (the viewer filters by itself there).
 * The viewer filters what it shows in any case: a controller may let records through unexamined
 * under load, and its regexes are RE2's, not Java's. Immutable.
 *
 * @param minLevel the least level number sent ({@code level}); 0 for every level
 * @param grep an RE2 regex a record's logger or message must match ({@code grep}); null for none
 * @param exclude an RE2 regex no record sent may match ({@code exclude}); null for none
 */
public record ServerFilter(int minLevel, String grep, String exclude) {
    public static final ServerFilter NONE = new ServerFilter(0, null, null);

    public ServerFilter {
        if (minLevel < 0 || minLevel > 50) {
            throw new IllegalArgumentException("a level number is 0 to 50, not " + minLevel);
        }
        grep = grep == null || grep.isEmpty() ? null : grep;
        exclude = exclude == null || exclude.isEmpty() ? null : exclude;
    }

    public boolean hasPatterns() {
        return grep != null || exclude != null;
    }

    /** The same level, without the regexes: for a controller that refused them. */
    public ServerFilter withoutPatterns() {
        return new ServerFilter(minLevel, null, null);
    }
}
