package io.poxlog.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.testing.transports.MessengerWire;
import io.poxlog.testing.transports.OnEveryTransport;
import io.poxlog.testing.transports.Transport;
import io.poxlog.testing.transports.TransportServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscription's grep and exclude (issue 11) and its replays, backlog and since, with the gap
 * notice for what is no longer retained (PROTOCOL.md §5.3), over every transport (issue 13).
 */
class LogReplayAndFiltersOnEveryTransportTest {

    /** The records (and notices) that arrive, after those among {@code early}, until one holds {@code text}. */
    private static List<JsonNode> recordsUntil(MessengerWire c, String text, List<JsonNode> early) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        early.stream().filter(m -> m.has("message")).forEach(out::add);
        if (out.stream().anyMatch(m -> m.get("message").asText().contains(text))) {
            return out;
        }
        while (true) {
            JsonNode m = c.next();
            if (m.has("message")) {
                out.add(m);
            }
            if (m.path("message").asText().contains(text)) {
                return out;
            }
        }
    }

    private static List<String> messagesUntil(MessengerWire c, String last, List<JsonNode> early) throws Exception {
        return recordsUntil(c, last, early).stream().map(m -> m.get("message").asText()).toList();
    }

    @OnEveryTransport
    void grepPassesRecordsWhoseLoggerOrMessageMatches(Transport t) throws Exception {
        try (TransportServer server = new TransportServer(); MessengerWire c = server.client(t)) {
            c.send(TransportServer.join(TransportServer.channel(), "\"grep\":\"^openflow|connected$|^end$\""));
            List<JsonNode> early = c.drain();
            server.logger("openflow.of_01").info("by its logger");
            server.logger("web").info("switch connected");
            server.logger("web").info("connected, then more");
            server.logger("host_tracker").info("neither");
            server.logger("web").info("end");
            assertThat(messagesUntil(c, "end", early)).containsExactly("by its logger", "switch connected", "end");
        }
    }

    @OnEveryTransport
    void excludeDropsWhatMatchesAndNullRemovesEither(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (TransportServer server = new TransportServer(); MessengerWire c = server.client(t)) {
            c.send(TransportServer.join(ch, "\"grep\":\"(?i)port\",\"exclude\":\"STP\""));
            List<JsonNode> early = c.drain();
            server.logger("ports").info("a");
            server.logger("stp").info("port 3 blocked by STP");
            server.logger("x").info("Port 4 up");
            server.logger("x").info("unrelated");
            server.logger("x").info("port end");
            assertThat(messagesUntil(c, "port end", early)).containsExactly("a", "Port 4 up", "port end");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"grep\":null}");
            assertThat(c.drain()).as("a message with only grep or exclude is a setting").isEmpty();
            server.logger("x").info("unrelated, passes now");
            server.logger("stp").info("STP still out");
            server.logger("x").info("next");
            assertThat(messagesUntil(c, "next", List.of())).containsExactly("unrelated, passes now", "next");
        }
    }

    @OnEveryTransport
    void backlogSendsTheLastNMatchingRecordsOldestFirstThenTheLiveStream(Transport t) throws Exception {
        try (TransportServer server = new TransportServer()) {
            for (int i = 1; i <= 20; i++) {
                server.logger(i % 2 == 0 ? "even" : "odd").info("r{}", i);
            }
            try (MessengerWire c = server.client(t)) {
                c.send(TransportServer.join(TransportServer.channel(), "\"backlog\":3,\"subsystems\":[\"even\"]"));
                // Once the join is confirmed it is in the service's queue: "live" comes after it.
                List<JsonNode> early = c.drain();
                server.logger("even").info("live");
                List<JsonNode> got = recordsUntil(c, "live", early);
                assertThat(got).extracting(m -> m.get("message").asText()).containsExactly("r16", "r18", "r20", "live");
                assertThat(got.get(1).get("seq").asLong() - got.get(0).get("seq").asLong()).isEqualTo(2);
            }
        }
    }

    @OnEveryTransport
    void backlogAndSinceReplayOnlyWhatTheFilterPasses(Transport t) throws Exception {
        try (TransportServer server = new TransportServer()) {
            long before;
            try (MessengerWire w = server.subscriber(t, TransportServer.channel(), "\"json\":true")) {
                server.logger("mark").info("mark");
                before = w.next(m -> "mark".equals(m.path("message").asText())).get("seq").asLong();
            }
            for (int i = 0; i < 20; i++) {
                server.logger(i % 2 == 0 ? "even" : "odd").info("r{}", i);
            }
            try (MessengerWire b = server.client(t); MessengerWire s = server.client(t)) {
                b.send(TransportServer.join(TransportServer.channel(), "\"backlog\":3,\"grep\":\"^even\",\"exclude\":\"r18\""));
                s.send(TransportServer.join(TransportServer.channel(), "\"since\":" + before + ",\"grep\":\"r1[0-5]\""));
                List<JsonNode> earlyB = b.drain();
                List<JsonNode> earlyS = s.drain();
                // The joins are in the service's queue: these come after the replays.
                server.logger("even").info("live");
                server.logger("odd").info("r15 live");
                assertThat(messagesUntil(b, "live", earlyB)).containsExactly("r12", "r14", "r16", "live");
                assertThat(messagesUntil(s, "r15 live", earlyS))
                        .containsExactly("r10", "r11", "r12", "r13", "r14", "r15", "r15 live");
            }
        }
    }

    @OnEveryTransport
    void aReconnectingSubscriberResumesWithSinceAndLosesNothingRetained(Transport t) throws Exception {
        try (TransportServer server = new TransportServer()) {
            long lastSeen;
            try (MessengerWire c = server.subscriber(t, TransportServer.channel(), "")) {
                server.logger("a").info("before-1");
                server.logger("a").info("before-2");
                lastSeen = recordsUntil(c, "before-2", List.of()).stream()
                        .filter(m -> m.get("message").asText().equals("before-2")).findFirst().orElseThrow().get("seq").asLong();
            }
            // Disconnected: the controller goes on logging.
            for (int i = 0; i < 50; i++) {
                server.logger("a").info("while-away-{}", i);
            }
            try (MessengerWire c = server.client(t)) {
                c.send(TransportServer.join(TransportServer.channel(), "\"since\":" + lastSeen));
                List<JsonNode> early = c.drain();
                server.logger("a").info("after");
                List<JsonNode> got = recordsUntil(c, "after", early);
                List<String> away = new ArrayList<>();
                long expect = lastSeen + 1;
                for (JsonNode m : got) {
                    assertThat(m.get("seq").asLong()).as("no hole, no repeat: " + m).isEqualTo(expect++);
                    if (m.get("message").asText().startsWith("while-away")) {
                        away.add(m.get("message").asText());
                    }
                }
                assertThat(away).hasSize(50).first().isEqualTo("while-away-0");
                assertThat(got).noneMatch(m -> m.has("dropped"));
            }
        }
    }

    @OnEveryTransport
    void sinceBeyondWhatIsRetainedReportsTheUnrecoverableGap(Transport t) throws Exception {
        try (TransportServer server = new TransportServer(TransportServer.DEFAULTS.withLogService(
                LogServiceConfig.DEFAULTS.withRetain(5)))) {
            for (int i = 1; i <= 20; i++) {
                server.logger("a").info("old-{}", i);
            }
            try (MessengerWire c = server.client(t)) {
                c.send(TransportServer.join(TransportServer.channel(), "\"since\":2,\"json\":true"));
                List<JsonNode> early = c.drain();
                server.logger("a").info("now");
                List<JsonNode> got = recordsUntil(c, "now", early);
                JsonNode notice = got.get(0);
                assertThat(notice.get("levelname").asText()).isEqualTo("WARNING");
                assertThat(notice.get("name").asText()).isEqualTo("messenger.log_service");
                assertThat(notice.get("dropped").asLong()).isEqualTo(13);
                assertThat(notice.get("gap").toString()).isEqualTo("[3,15]");
                assertThat(notice.get("log_id").asText()).isEqualTo(server.service.logId());
                assertThat(notice.has("seq")).isFalse();
                assertThat(got.subList(1, got.size())).extracting(m -> m.get("seq").asLong())
                        .containsExactly(16L, 17L, 18L, 19L, 20L, 21L);
            }
        }
    }
}
