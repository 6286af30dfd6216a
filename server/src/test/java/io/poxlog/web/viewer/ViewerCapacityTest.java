package io.poxlog.web.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The page holding what it promises: 120,000 records arrive as frames the log service would write
 * (through the session's own frame handler, as the WebSocket's messages reach it), the page keeps
 * the newest 100,000, the list scrolls through them drawing only the rows in sight, and the
 * JavaScript heap stays under 150 MiB. Prints the ingest rate it saw (the flood and frame-time
 * targets are measured elsewhere, on an idle machine).
 */
@RequiresBrowser
class ViewerCapacityTest {
    @Test
    void holdsTheNewest100000RecordsInUnder150MiBDrawingOnlyTheRowsInSight(Browser browser) throws Exception {
        try (ViewerFixture controller = new ViewerFixture(null, 0)) {
            Page page = new Page(browser.driver()).open(controller.url());
            page.untilConn("connected");
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + "const s = window.poxlog.session;"
                    + "const base = { CHANNEL: s.channel, message: '', seq: 0, levelname: 'DEBUG', levelno: 10, name: 'openflow.of_01',"
                    + "  created: 1796132325.130865, msecs: 130.0, relativeCreated: 6318.0, asctime: '2026-12-01 13:38:45,130', thread: 19,"
                    + "  threadName: 'demo-controller', process: 13693, processName: 'MainProcess', module: '', funcName: '', lineno: 0,"
                    + "  filename: '', pathname: '', args: ['[00-00-00-00-00-03 3]', 2, '00:00:00:00:00:05', 'IP', 1234, 98] };"
                    + "let ms = 0;"
                    + "const batch = (from) => { const frames = [];"
                    + "  for (let i = from; i < from + 20000; i++) { base.seq = 1000000 + i;"
                    + "    base.message = `[00-00-00-00-00-03 3] PacketIn ${i}: in_port=2 00:00:00:00:00:05 > 00:00:00:00:00:08 type=IP buffer_id=1234`;"
                    + "    frames.push(JSON.stringify(base)); }"
                    + "  const t0 = performance.now(); for (const f of frames) s.onFrame(f); ms += performance.now() - t0; };"
                    + "let from = 0; const next = () => { if (from < 120000) { batch(from); from += 20000; requestAnimationFrame(next); return; }"
                    + "  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {"
                    // the controller's own records (its web server's, say) may arrive meanwhile: the
                    // synthetic ones are told apart by their seq, and the others counted
                    + "    const st = window.poxlog.store; let oldest = null, newest = null, real = 0;"
                    + "    for (let i = 0; i < st.viewSize; i++) { const q = st.viewAt(i).seq;"
                    + "      if (q >= 1000000) { if (oldest === null) oldest = q; newest = q; } else real++; }"
                    + "    done([st.size, oldest, newest, document.querySelectorAll('#rows .row').length,"
                    + "      performance.memory.usedJSHeapSize, Math.round(ms), real]); }, 500))); };"
                    + "next();");
            System.out.println("ViewerCapacityTest: 120,000 record frames taken in " + r.get(5) + " ms of handler time; JS heap "
                    + (Long) r.get(4) / (1024 * 1024) + " MiB holding " + r.get(0) + " records");
            assertThat(r.get(0)).isEqualTo(100_000L);
            // the oldest 20,000 went first (and one more for each of the controller's own records held)
            assertThat((Long) r.get(1)).isBetween(1_020_000L, 1_020_000L + (Long) r.get(6));
            assertThat(r.get(2)).isEqualTo(1_119_999L);
            assertThat((Long) r.get(3)).isLessThan(200L); // the rows in sight, not 100,000
            assertThat((Long) r.get(4)).isLessThan(150L * 1024 * 1024);
            page.until("the newest on screen", d -> page.rows().stream().anyMatch(row -> row.contains("PacketIn 119999:")) ? true : null);
            assertThat(page.text("s-held")).startsWith("held 100,000/100,000, ");

            page.key("g");
            String oldest = "PacketIn " + ((Long) r.get(1) - 1_000_000L) + ":";
            page.until("the oldest on screen", d -> page.rows().stream().anyMatch(row -> row.contains(oldest)) ? true : null);
        }
    }
}
