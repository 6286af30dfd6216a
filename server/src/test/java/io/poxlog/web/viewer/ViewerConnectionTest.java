package io.poxlog.web.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The page's connection to a real controller: a lost connection is said with its reason and the
 * wait, and resumed with since, recovering what was logged meanwhile; a controller restart is
 * shown as such.
 */
@RequiresBrowser
class ViewerConnectionTest {
    @Test
    void aLostConnectionIsToldAndResumedRecoveringWhatWasLoggedMeanwhile(Browser browser) throws Exception {
        try (ViewerFixture controller = new ViewerFixture(null, 20)) {
            Page page = new Page(browser.driver()).open(controller.url() + "#logger=away");
            page.untilConn("connected");
            controller.logger("away").warn("before the drop");
            page.untilHeld("before the drop");

            controller.dropConnections();
            page.untilConn("reconnecting in \\d+ s: .+");
            for (int i = 0; i < 5; i++) {
                controller.logger("away").warn("while away " + i);
            }
            page.until("a mark of the disconnection", d -> page.rows().stream()
                    .anyMatch(r -> r.matches(".*\\|poxlog\\.viewer\\|disconnected \\(.+\\)")) ? true : null);
            controller.takeConnections();
            page.untilConn("connected: resumed: 5 recovered");
            List<String> away = page.heldMessages().stream().filter(m -> m.startsWith("while away")).toList();
            assertThat(away).containsExactly("while away 0", "while away 1", "while away 2", "while away 3", "while away 4");
            assertThat(page.heldMessages()).filteredOn(m -> m.equals("before the drop")).hasSize(1);
            controller.logger("away").warn("after the resume");
            page.untilHeld("after the resume");
            assertThat(page.text("s-dropped")).isEqualTo("dropped 0");
        }
    }

    @Test
    void recordsNoLongerRetainedAreToldAsAGapRowAndCounted(Browser browser) throws Exception {
        try (ViewerFixture controller = new ViewerFixture(null, 0, LogServiceConfig.DEFAULTS.withRetain(100))) {
            Page page = new Page(browser.driver()).open(controller.url() + "#logger=away");
            page.untilConn("connected");
            controller.logger("away").warn("before the drop");
            page.untilHeld("before the drop");

            controller.dropConnections();
            page.untilConn("reconnecting in \\d+ s: .+");
            for (int i = 0; i < 300; i++) {
                controller.logger("away").warn("while away " + i);
            }
            controller.takeConnections();
            page.untilConn("connected: resumed: 100 recovered, 200 lost");
            assertThat(page.text("s-dropped")).isEqualTo("dropped 200");
            assertThat(page.byId("s-dropped").getAttribute("class")).contains("lost");
            assertThat(page.shown()).anySatisfy(r -> assertThat(r).matches("30\\|messenger\\.log_service\\|.*200.*\\|gap"));
            page.js("const s = window.poxlog.store;"
                    + "for (let i = 0; i < s.viewSize; i++) if (s.viewAt(i).kind === 'gap') window.poxlog.list.select(s.viewId(i));");
            page.until("the gap row in sight", d -> page.js("const r = document.querySelector('#rows .row.gap:not([hidden])');"
                    + "return r && getComputedStyle(r).backgroundColor") != null ? true : null);
            assertThat(page.rows()).anySatisfy(r -> assertThat(r).contains("|WARNING|messenger.log_service|").contains("200"));
            assertThat(page.heldMessages()).filteredOn(m -> m.startsWith("while away")).hasSize(100).last().isEqualTo("while away 299");
        }
    }

    @Test
    void aControllerRestartIsShownAsSuchAndItsNewRunFollowed(Browser browser) throws Exception {
        try (ViewerFixture controller = new ViewerFixture(null, 20)) {
            Page page = new Page(browser.driver()).open(controller.url() + "#logger=restart");
            page.untilConn("connected");
            controller.logger("restart").warn("the old run");
            page.untilHeld("the old run");

            controller.stopController();
            page.untilConn("reconnecting in \\d+ s: .+");
            controller.startAgain();
            controller.logger("restart").warn("the new run");
            page.untilConn("connected: restarted.*");
            page.untilHeld("the new run");
            assertThat(page.rows()).anySatisfy(r -> assertThat(r)
                    .contains("the controller restarted: a new run of its log (")
                    .contains("records of the old run after seq"));
            assertThat(page.heldMessages()).filteredOn(m -> m.equals("the old run")).hasSize(1);
        }
    }
}
