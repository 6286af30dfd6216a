package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.testing.WireClient;
import org.junit.jupiter.api.Test;

/** One subscriber's settings cannot make the service thread, which serves everyone, crawl. */
class SubscriptionBoundsTest {

    @Test
    void hugeWidthsAndFormatsAreRefusedAndOthersGoOn() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient bad = fx.client()) {
            String other = LogFixture.channel();
            try (WireClient good = fx.subscriber(other, "\"json\":true")) {
                String ch = LogFixture.channel();
                bad.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch
                        + "\",\"format\":\"%(message)000575039088s\"}");
                assertThat(bad.next().get("error").asText()).isEqualTo("join of '" + ch + "' refused: 'format': "
                        + "width 575039088 at position 13 is larger than the limit of 1000 in format '%(message)000575039088s'");
                bad.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch
                        + "\",\"dateFormat\":\"" + "%Y".repeat(600) + "\"}");
                assertThat(bad.next().get("error").asText()).isEqualTo("join of '" + ch + "' refused: "
                        + "'dateFormat' is 1200 characters long; the limit is 1024");
                // strftime widths are bounded as format widths are (issue 10, item 1).
                bad.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch
                        + "\",\"dateFormat\":\"%Y %9999Y\"}");
                assertThat(bad.next().get("error").asText()).isEqualTo("join of '" + ch + "' refused: 'dateFormat': "
                        + "width 9999 at position 4 is larger than the limit of 1000 in dateFormat '%Y %9999Y'");
                fx.logger("app").info("still flowing");
                assertThat(good.next(m -> m.path("message").asText().equals("still flowing"))).isNotNull();
            }
        }
    }

    @Test
    void aSubscriptionListensToAtMostAThousandSubsystems() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient c = fx.client()) {
            String ch = LogFixture.channel();
            ObjectNode join = Json.object()
                    .put("CHANNEL", "").put("cmd", "join_channel").put("channel", ch);
            ArrayNode subs = join.putArray("subsystems");
            for (int i = 0; i < 600; i++) {
                subs.add("s" + i);
            }
            c.send(join);
            assertThat(c.drain()).isEmpty();
            ObjectNode more = Json.object().put("CHANNEL", ch);
            ArrayNode add = more.putArray("add_subsystems");
            for (int i = 0; i < 600; i++) {
                add.add("t" + i);
            }
            c.send(more);
            assertThat(c.next().get("error").asText()).isEqualTo("the subscription would listen to 1200 subsystems; "
                    + "the limit is 1000");
            fx.logger("s599").info("still listening to what it had");
            assertThat(c.next(m -> m.path("message").asText().equals("still listening to what it had"))).isNotNull();
        }
    }
}
