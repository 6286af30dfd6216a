package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TextColor;

/** The viewer's colours: by level, and for the bars, selection and search matches. */
final class Palette {
    static final TextColor DEFAULT = TextColor.ANSI.DEFAULT;
    static final TextColor BAR_FG = TextColor.ANSI.BLACK;
    static final TextColor BAR_BG = TextColor.ANSI.WHITE;
    static final TextColor MATCH_FG = TextColor.ANSI.BLACK;
    static final TextColor MATCH_BG = TextColor.ANSI.YELLOW_BRIGHT;
    static final TextColor DIM = TextColor.ANSI.BLACK_BRIGHT;
    static final TextColor ERROR = TextColor.ANSI.RED_BRIGHT;
    static final TextColor GAP = TextColor.ANSI.MAGENTA_BRIGHT;
    static final TextColor TITLE = TextColor.ANSI.CYAN_BRIGHT;

    private Palette() {
    }

    /** The colour of a level's name: quiet for detail, loud for trouble. */
    static TextColor level(int levelNo) {
        if (levelNo >= 50) {
            return TextColor.ANSI.MAGENTA_BRIGHT;
        }
        if (levelNo >= 40) {
            return TextColor.ANSI.RED_BRIGHT;
        }
        if (levelNo >= 30) {
            return TextColor.ANSI.YELLOW_BRIGHT;
        }
        if (levelNo >= 20) {
            return TextColor.ANSI.GREEN;
        }
        if (levelNo >= 10) {
            return TextColor.ANSI.CYAN;
        }
        return TextColor.ANSI.BLUE_BRIGHT;
    }

    /** The colour of a record's message: only trouble stands out. */
    static TextColor message(int levelNo) {
        if (levelNo >= 40) {
            return TextColor.ANSI.RED_BRIGHT;
        }
        if (levelNo >= 30) {
            return TextColor.ANSI.YELLOW;
        }
        return DEFAULT;
    }
}
