package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.FilterProgress;
import java.util.List;
import java.util.Locale;

/**
 * The two bars: on top, each controller and the state of its connection; above the bottom line,
 * follow or paused, records per second, held (records and bytes, of how many) and dropped,
 * filters, search, wrap; on a narrow screen without the limits. UI thread only.
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
            p.text(s.describe(nowMillis), up ? Palette.BAR_FG : TextColor.ANSI.WHITE_BRIGHT,
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
        boolean narrow = width < Columns.NARROW; // 80 columns: the limits give way to the filters
        sb.append(SEP).append("held ").append(count(store.size()));
        if (!narrow) {
            sb.append('/').append(count(store.capacity()));
        }
        sb.append(", ").append(bytes(store.bytes()));
        if (!narrow) {
            sb.append('/').append(bytes(store.maxBytes()));
        }
        if (store.viewSize() != store.size()) {
            sb.append(", shown ").append(count(store.viewSize()));
        }
        sb.append(SEP).append("dropped ").append(count(store.dropped()));
        String filter = store.filter().describe();
        sb.append(SEP).append(narrow ? (filter.equals("none") ? "no filter" : filter) : "filter: " + filter);
        FilterProgress progress = store.filterProgress();
        if (progress != null) {
            sb.append(progress.total() > 0 && progress.checked() < progress.total()
                    ? " (filtering " + progress.percent() + "%)"
                    : " (filtering " + count(progress.waiting()) + " new)");
        }
        if (pane.search() != null) {
            sb.append(SEP).append("search: ").append(Filter.describe(pane.search()));
        }
        if (pane.wrapping()) {
            sb.append(SEP).append("wrap");
        } else if (pane.horizontalOffset() > 0) {
            sb.append(SEP).append("\u2192").append(pane.horizontalOffset());
        }
        p.text(sb.toString(), store.dropped() > 0 ? TextColor.ANSI.RED : Palette.BAR_FG,
                Palette.BAR_BG, false);
        fill(p);
    }

    private static void fill(RowPainter p) {
        p.text(" ".repeat(p.remaining()), Palette.BAR_FG, Palette.BAR_BG, false);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A size in bytes as people read it: 812 B, 4.5 KiB, 37 MiB, 1.2 GiB. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 || v >= 10 ? String.format(Locale.ROOT, "%d %s", Math.round(Math.floor(v)), units[u])
                : String.format(Locale.ROOT, "%.1f %s", Math.floor(v * 10) / 10, units[u]);
    }
}
