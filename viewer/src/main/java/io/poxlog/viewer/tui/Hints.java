package io.poxlog.viewer.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys line at the bottom, fitted to the width: items ("? help", "space pause") three spaces
 * apart, two when that is too wide, and then without the least needed ones, last first, until it
 * fits; the first and the last item (help and quit, or the overlay's name and close) always stay.
 * Stateless.
 */
final class Hints {
    private Hints() {
    }

    /** @param items in the order shown; {@code dropOrder} lists which of them go first when it is too wide */
    static String fit(int width, List<String> items, List<String> dropOrder) {
        List<String> kept = new ArrayList<>(items);
        for (String sep : List.of("   ", "  ")) {
            if (String.join(sep, kept).length() <= width) {
                return String.join(sep, kept);
            }
        }
        for (String drop : dropOrder) {
            if (kept.size() <= 2) {
                break;
            }
            if (!drop.equals(kept.get(0)) && !drop.equals(kept.get(kept.size() - 1))) {
                kept.remove(drop);
            }
            if (String.join("  ", kept).length() <= width) {
                break;
            }
        }
        return String.join("  ", kept);
    }
}
