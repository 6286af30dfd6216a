package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log service over a real socket, as POX clients use it (PROTOCOL.md §5). */
class LogServiceEndToEndTest {
    private LogFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new LogFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static JsonNode record(WireClient c, String text) throws InterruptedException {
        return c.next(m -> m.path("message").asText().contains(text));
    }

    @Test
    void aPoxLogStyleSessionGetsRecordsWithEveryAttribute() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.subscriber(ch, "\"json\":true")) {
            c.send("{\"CHANNEL\":\"" + ch + "\",\"setLevels\":{\"\":\"INFO\"}}");
            fx.settled(c, ch);
            fx.logger("openflow.of_01").debug("hidden {}", 1);
            fx.logger("openflow.of_01").info("[{} {}] connected", "00-00-00-00-00-01", 2);
            JsonNode r = record(c, "connected");
            assertThat(r.get("CHANNEL").asText()).isEqualTo(ch);
            assertThat(r.get("message").asText()).isEqualTo("[00-00-00-00-00-01 2] connected");
            assertThat(r.get("levelname").asText()).isEqualTo("INFO");
            assertThat(r.get("levelno").asInt()).isEqualTo(20);
            assertThat(r.get("name").asText()).isEqualTo("openflow.of_01");
            assertThat(r.get("created").asDouble()).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
            // Milliseconds, as Python's logging has them: the created time's fraction, and the
            // same three digits as asctime's.
            double created = r.get("created").asDouble();
            assertThat(r.get("msecs").asDouble()).isCloseTo((created * 1000) % 1000, org.assertj.core.data.Offset.offset(1.0));
            assertThat(r.get("asctime").asText()).endsWith(String.format(",%03d", (int) r.get("msecs").asDouble()));
            assertThat(r.get("relativeCreated").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(r.get("asctime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}");
            assertThat(r.get("thread").asLong()).isEqualTo(Thread.currentThread().getId());
            assertThat(r.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
            assertThat(r.get("process").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(r.get("processName").asText()).isEqualTo("MainProcess");
            for (String k : List.of("module", "funcName", "lineno", "filename", "pathname")) {
                assertThat(r.has(k)).as(k).isTrue();
            }
            assertThat(r.get("args").toString()).isEqualTo("[\"00-00-00-00-00-01\",2]");
            assertThat(r.get("seq").asLong()).isPositive();
            assertThat(r.has("exc_info")).isFalse();
            c.drain().forEach(m -> assertThat(m.path("message").asText()).doesNotContain("hidden"));
        }
    }

    @Test
    void anExceptionComesAsExcInfoAndExcAndFollowsTheMessage() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.subscriber(ch, "\"json\":true")) {
            Exception e = new IllegalStateException("flow table full", new java.io.IOException("disk"));
            fx.logger("forwarding.l2_learning").error("cannot install flow", e);
            JsonNode r = record(c, "cannot install flow");
            assertThat(r.get("levelname").asText()).isEqualTo("ERROR");
            assertThat(r.get("exc_info").get(0).asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(r.get("exc_info").get(1).asText()).isEqualTo("flow table full");
            assertThat(r.get("exc_info").get(2).get(0).asText()).startsWith("  File \"LogServiceEndToEndTest.java\", line ");
            List<String> exc = new ArrayList<>();
            r.get("exc").forEach(l -> exc.add(l.asText()));
            assertThat(exc.get(0)).isEqualTo("java.lang.IllegalStateException: flow table full\n");
            assertThat(String.join("", exc)).contains("Caused by: java.io.IOException: disk");
            assertThat(r.get("message").asText()).startsWith("cannot install flow\njava.lang.IllegalStateException: flow table full\n");
            // As Python's traceback lines: each ends in one newline, none is empty, and the
            // message ends with the trace's last line, not a blank one.
            assertThat(exc).allSatisfy(l -> assertThat(l).endsWith("\n").isNotEqualTo("\n"));
            assertThat(r.get("message").asText()).doesNotEndWith("\n");
        }
    }

    @Test
    void injectionLogsARecordAsTheNamedSubsystem() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.subscriber(ch, "\"json\":true")) {
            c.send("{\"CHANNEL\":\"log\",\"message\":\"from outside\"}");
            JsonNode r = record(c, "from outside");
            assertThat(r.get("levelname").asText()).isEqualTo("DEBUG");
            assertThat(r.get("name").asText()).isEqualTo("<external>");
            c.send("{\"CHANNEL\":\"log\",\"message\":\"on fire\",\"level\":50,\"subsystem\":\"ops\"}");
            JsonNode crit = record(c, "on fire");
            assertThat(crit.get("levelname").asText()).isEqualTo("CRITICAL");
            assertThat(crit.get("levelno").asInt()).isEqualTo(50);
            assertThat(crit.get("name").asText()).isEqualTo("ops");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"warned\",\"level\":\"warning\"}");
            assertThat(record(c, "warned").get("levelname").asText()).isEqualTo("WARNING");
        }
    }

    @Test
    void setLevelsChangesWhatTheControllerLogs() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.subscriber(ch, "")) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"WARNING\",\"web\":30}}");
            fx.settled(c, ch);
            assertThat(fx.logger("openflow.discovery").isInfoEnabled()).isFalse();
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.WARN);
            assertThat(fx.logger("web").getLevel()).isEqualTo(Level.WARN);
            fx.logger("openflow.discovery").info("quiet now");
            fx.logger("openflow.discovery").warn("loud still");
            record(c, "loud still");
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":\"ERROR\"}");
            fx.settled(c, ch);
            assertThat(fx.root().getLevel()).isEqualTo(Level.ERROR);
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"NOTSET\"}}");
            fx.settled(c, ch);
            assertThat(fx.logger("openflow").getLevel()).isNull();
        }
    }

    @Test
    void raiseLevelsOnlyMakesMoreVerboseAndLowerLevelsOnlyLessVerbose() throws Exception {
        String ch = LogFixture.channel();
        fx.logger("a").setLevel(Level.INFO);
        fx.logger("b").setLevel(Level.INFO);
        try (WireClient c = fx.subscriber(ch, "")) {
            c.send("{\"CHANNEL\":\"log\",\"raiseLevels\":{\"a\":\"DEBUG\",\"b\":\"WARNING\"}}");
            fx.settled(c, ch);
            assertThat(fx.logger("a").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(fx.logger("b").getLevel()).as("WARNING is quieter than INFO: raise leaves it").isEqualTo(Level.INFO);
            c.send("{\"CHANNEL\":\"log\",\"lowerLevels\":{\"a\":\"WARNING\",\"b\":\"DEBUG\"}}");
            fx.settled(c, ch);
            assertThat(fx.logger("a").getLevel()).isEqualTo(Level.WARN);
            assertThat(fx.logger("b").getLevel()).as("DEBUG is louder than INFO: lower leaves it").isEqualTo(Level.INFO);
        }
    }

    @Test
    void anUnknownLevelIsAnErrorOnTheDefaultChannelAndChangesNothing() throws Exception {
        String ch = LogFixture.channel();
        fx.logger("x").setLevel(Level.INFO);
        try (WireClient c = fx.subscriber(ch, "")) {
            c.send("{\"CHANNEL\":\"" + ch + "\",\"XID\":4,\"setLevels\":{\"x\":\"DEBUG\",\"y\":\"LOUD\"}}");
            JsonNode err = c.next(m -> "error".equals(m.path("cmd").asText()));
            assertThat(err.get("CHANNEL").asText()).isEmpty();
            assertThat(err.get("request_channel").asText()).isEqualTo(ch);
            assertThat(err.get("XID").asInt()).isEqualTo(4);
            assertThat(err.get("error").asText()).isEqualTo("'setLevels' for logger 'y': unknown level 'LOUD' "
                    + "(use DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE, WARN, ALL, OFF, NOTSET or a whole number from 0 to 50)");
            assertThat(fx.logger("x").getLevel()).isEqualTo(Level.INFO);
        }
    }

    @Test
    void getLevelsListsConfiguredAndEffectiveLevels() throws Exception {
        fx.logger("openflow").setLevel(Level.WARN);
        fx.logger("openflow.of_01");
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"XID\":\"g\"}");
            JsonNode r = c.next();
            assertThat(r.get("CHANNEL").asText()).isEqualTo("log");
            assertThat(r.get("XID").asText()).isEqualTo("g");
            assertThat(r.at("/levels/openflow").toString()).isEqualTo("{\"configured\":\"WARNING\",\"effective\":\"WARNING\"}");
            assertThat(r.at("/levels/openflow.of_01").toString()).isEqualTo("{\"configured\":null,\"effective\":\"WARNING\"}");
            assertThat(r.at("/levels/").toString()).isEqualTo("{\"configured\":\"DEBUG\",\"effective\":\"DEBUG\"}");
        }
    }

    @Test
    void formatWithWidthsAndDateFormatShapeTheMessage() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.subscriber(ch, "\"format\":\"%(levelname)-8s|%(name)s|%(levelno)03d|%(message)s\",\"dateFormat\":\"%d/%m/%Y\"")) {
            fx.logger("topology").warn("link down");
            assertThat(record(c, "link down").get("message").asText()).isEqualTo("WARNING |topology|030|link down");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"format\":\"[%(asctime)s] %(message)s\"}");
            fx.settled(c, ch);
            fx.logger("topology").info("dated");
            assertThat(record(c, "dated").get("message").asText()).matches("\\[\\d\\d/\\d\\d/\\d{4}\\] dated");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"format\":\"%(nosuch)s\"}");
            assertThat(c.next(m -> m.has("error")).get("error").asText()).isEqualTo("'format': unknown key 'nosuch' in format '%(nosuch)s'");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"format\":\"%(message)d\"}");
            assertThat(c.next(m -> m.has("error")).get("error").asText()).startsWith("'format': ");
        }
    }

    @Test
    void levelFiltersOnlyThisSubscription() throws Exception {
        String quiet = LogFixture.channel();
        String loud = LogFixture.channel();
        try (WireClient q = fx.subscriber(quiet, "\"level\":\"WARNING\""); WireClient l = fx.subscriber(loud, "")) {
            fx.logger("host_tracker").info("learned 00:00:00:00:00:01");
            fx.logger("host_tracker").error("host moved");
            record(l, "learned");
            assertThat(record(q, "host moved").get("message").asText()).isEqualTo("host moved");
            assertThat(fx.logger("host_tracker").isInfoEnabled()).isTrue();
            q.drain().forEach(m -> assertThat(m.path("message").asText()).doesNotContain("learned"));
        }
    }

    @Test
    void subsystemsSelectLoggersAndTheirChildren() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.subscriber(ch, "\"subsystems\":[\"openflow\"]", "openflow.settle")) {
            fx.logger("openflow.of_01").info("of1");
            fx.logger("openflowx").info("not a child");
            fx.logger("web").info("web1");
            fx.logger("openflow").info("of2");
            assertThat(record(c, "of1")).isNotNull();
            assertThat(record(c, "of2")).isNotNull();
            c.send("{\"CHANNEL\":\"" + ch + "\",\"add_subsystems\":[\"web\"]}");
            c.drain();
            fx.logger("web").info("web2");
            assertThat(record(c, "web2")).isNotNull();
            c.send("{\"CHANNEL\":\"" + ch + "\",\"remove_subsystems\":[\"openflow\"]}");
            c.drain();
            fx.logger("openflow").info("of3");
            fx.logger("web").info("web3");
            List<String> seen = new ArrayList<>();
            record(c, "web3");
            c.drain().forEach(m -> seen.add(m.path("message").asText()));
            assertThat(seen).noneMatch(s -> s.contains("of3"));
        }
    }

    @Test
    void theMessengersOwnDebugRecordsDoNotFeedOnThemselves() throws Exception {
        String ch = LogFixture.channel();
        fx.logger("messenger").setLevel(Level.TRACE);
        fx.logger("io.netty").setLevel(Level.TRACE);
        try (WireClient c = fx.subscriber(ch, "\"json\":true")) {
            long first = fx.settled(c, ch).get("seq").asLong();
            long second = fx.settled(c, ch).get("seq").asLong();
            // Between two injected records the I/O of sending, receiving and routing them logged
            // at DEBUG; none of it may become a record.
            assertThat(second).isEqualTo(first + 1);
        }
    }

    @Test
    void joiningLogItselfSubscribesWithSharedSettings() throws Exception {
        try (WireClient a = fx.client(); WireClient b = fx.client()) {
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log\",\"format\":\"A:%(message)s\"}");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log\"}");
            fx.settled(a, "log");
            fx.settled(b, "log");
            fx.logger("x").info("shared");
            assertThat(record(a, "shared").get("message").asText()).isEqualTo("A:shared");
            assertThat(record(b, "shared").get("message").asText()).isEqualTo("A:shared");
        }
    }

    @Test
    void aBadJoinIsRefusedWithAnError() throws Exception {
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_bad\",\"backlog\":-1}");
            assertThat(c.next().get("error").asText())
                    .isEqualTo("join of 'log_bad' refused: 'backlog' must be a whole number, 0 or more, not -1");
            c.send("{\"CHANNEL\":\"log_bad\",\"json\":\"yes\"}");
            assertThat(c.next().get("error").asText()).isEqualTo("'json' must be true or false, not \"yes\"");
        }
    }

    @Test
    void aMessageWithNothingToDoIsAnError() throws Exception {
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"hello\":1}");
            assertThat(c.next().get("error").asText()).startsWith("nothing to do; 'log' takes setLevels");
        }
    }
}
