package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.model.Sanitizer;
import java.util.List;
import java.util.Locale;

/**
 * The two bars: on top, each controller and the state of its connection; above the bottom line,
 * follow or paused, records per second, held and dropped, filters, search, wrap. UI thread only.
 */
final class StatusBars {
    private static final String SEP = " \u2502 ";

    private StatusBars() {
    }

    static void top(TextGraphics g, int row, int width, List<SourceStatus> statuses, long nowMillis) {
        RowPainter p = new RowPainter(g, row, width, false);
        p.text(" pox-log", Palette.BAR_FG, Palette.BAR_BG, true);
        for (SourceStatus s : statuses) {
            boolean up = s.state() == ConnectionState.CONNECTED;
            p.text(SEP, Palette.BAR_FG, Palette.BAR_BG, false);
            p.text(Sanitizer.line(s.describe(nowMillis)), up ? Palette.BAR_FG : TextColor.ANSI.WHITE_BRIGHT,
                    up ? Palette.BAR_BG : TextColor.ANSI.RED, !up);
        }
        fill(p);
    }

    static void stats(TextGraphics g, int row, int width, LogPane pane, RecordStore store, long perSecond) {
        RowPainter p = new RowPainter(g, row, width, false);
        if (pane.following()) {
            p.text(" FOLLOW ", TextColor.ANSI.BLACK, TextColor.ANSI.GREEN, true);
        } else {
            long fresh = pane.newSincePause();
            p.text(" PAUSED" + (fresh > 0 ? " +" + count(fresh) + " new" : "") + " ",
                    TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, true);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(' ').append(count(perSecond)).append(" rec/s");
        sb.append(SEP).append("held ").append(count(store.size())).append('/').append(count(store.capacity()));
        if (store.viewSize() != store.size()) {
            sb.append(", shown ").append(count(store.viewSize()));
        }
        sb.append(SEP).append("dropped ").append(count(store.dropped()));
        sb.append(SEP).append("filter: ").append(store.filter().describe());
        if (pane.search() != null) {
            sb.append(SEP).append("search: /").append(pane.search().pattern()).append('/');
        }
        if (pane.wrapping()) {
            sb.append(SEP).append("wrap");
        } else if (pane.horizontalOffset() > 0) {
            sb.append(SEP).append("\u2192").append(pane.horizontalOffset());
        }
        p.text(Sanitizer.line(sb.toString()), store.dropped() > 0 ? TextColor.ANSI.RED : Palette.BAR_FG,
                Palette.BAR_BG, false);
        fill(p);
    }

    private static void fill(RowPainter p) {
        p.text(" ".repeat(p.remaining()), Palette.BAR_FG, Palette.BAR_BG, false);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
