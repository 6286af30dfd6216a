package io.poxlog.suite;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.transports.MessengerWire;
import io.poxlog.testing.transports.OnEveryTransport;
import io.poxlog.testing.transports.Transport;
import io.poxlog.testing.transports.TransportServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The log service as POX clients use it (PROTOCOL.md §5), over every transport (issue 13): records
 * with every attribute, injection, setLevels, get_levels, formats, level and subsystem filters.
 */
class LogServiceOnEveryTransportTest {
    private TransportServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TransportServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static JsonNode record(MessengerWire c, String text) throws Exception {
        return c.next(m -> m.path("message").asText().contains(text));
    }

    @OnEveryTransport
    void aPoxLogStyleSessionGetsRecordsWithEveryAttribute(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (MessengerWire c = server.subscriber(t, ch, "\"json\":true")) {
            c.send("{\"CHANNEL\":\"" + ch + "\",\"setLevels\":{\"\":\"INFO\"}}");
            server.settled(c, ch);
            server.logger("openflow.of_01").debug("hidden {}", 1);
            server.logger("openflow.of_01").info("[{} {}] connected", "00-00-00-00-00-01", 2);
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

    @OnEveryTransport
    void anExceptionComesAsExcInfoAndExcAndFollowsTheMessage(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (MessengerWire c = server.subscriber(t, ch, "\"json\":true")) {
            Exception e = new IllegalStateException("flow table full", new java.io.IOException("disk"));
            server.logger("forwarding.l2_learning").error("cannot install flow", e);
            JsonNode r = record(c, "cannot install flow");
            assertThat(r.get("levelname").asText()).isEqualTo("ERROR");
            assertThat(r.get("exc_info").get(0).asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(r.get("exc_info").get(1).asText()).isEqualTo("flow table full");
            assertThat(r.get("exc_info").get(2).get(0).asText()).startsWith("  File \"LogServiceOnEveryTransportTest.java\", line ");
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

    @OnEveryTransport
    void injectionLogsARecordAsTheNamedSubsystem(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (MessengerWire c = server.subscriber(t, ch, "\"json\":true")) {
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

    @OnEveryTransport
    void setLevelsChangesWhatTheControllerLogs(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (MessengerWire c = server.subscriber(t, ch, "")) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"WARNING\",\"web\":30}}");
            server.settled(c, ch);
            assertThat(server.logger("openflow.discovery").isInfoEnabled()).isFalse();
            assertThat(server.logger("openflow").getLevel()).isEqualTo(Level.WARN);
            assertThat(server.logger("web").getLevel()).isEqualTo(Level.WARN);
            server.logger("openflow.discovery").info("quiet now");
            server.logger("openflow.discovery").warn("loud still");
            record(c, "loud still");
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":\"ERROR\"}");
            server.settled(c, ch);
            assertThat(server.root().getLevel()).isEqualTo(Level.ERROR);
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"NOTSET\"}}");
            server.settled(c, ch);
            assertThat(server.logger("openflow").getLevel()).isNull();
        }
    }

    @OnEveryTransport
    void raiseLevelsOnlyMakesMoreVerboseAndLowerLevelsOnlyLessVerbose(Transport t) throws Exception {
        String ch = TransportServer.channel();
        server.logger("a").setLevel(Level.INFO);
        server.logger("b").setLevel(Level.INFO);
        try (MessengerWire c = server.subscriber(t, ch, "")) {
            c.send("{\"CHANNEL\":\"log\",\"raiseLevels\":{\"a\":\"DEBUG\",\"b\":\"WARNING\"}}");
            server.settled(c, ch);
            assertThat(server.logger("a").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(server.logger("b").getLevel()).as("WARNING is quieter than INFO: raise leaves it").isEqualTo(Level.INFO);
            c.send("{\"CHANNEL\":\"log\",\"lowerLevels\":{\"a\":\"WARNING\",\"b\":\"DEBUG\"}}");
            server.settled(c, ch);
            assertThat(server.logger("a").getLevel()).isEqualTo(Level.WARN);
            assertThat(server.logger("b").getLevel()).as("DEBUG is louder than INFO: lower leaves it").isEqualTo(Level.INFO);
        }
    }

    @OnEveryTransport
    void anUnknownLevelIsAnErrorOnTheDefaultChannelAndChangesNothing(Transport t) throws Exception {
        String ch = TransportServer.channel();
        server.logger("x").setLevel(Level.INFO);
        try (MessengerWire c = server.subscriber(t, ch, "")) {
            c.send("{\"CHANNEL\":\"" + ch + "\",\"XID\":4,\"setLevels\":{\"x\":\"DEBUG\",\"y\":\"LOUD\"}}");
            JsonNode err = c.next(m -> "error".equals(m.path("cmd").asText()));
            assertThat(err.get("CHANNEL").asText()).isEmpty();
            assertThat(err.get("request_channel").asText()).isEqualTo(ch);
            assertThat(err.get("XID").asInt()).isEqualTo(4);
            assertThat(err.get("error").asText()).isEqualTo("'setLevels' for logger 'y': unknown level 'LOUD' "
                    + "(use DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE, WARN, ALL, OFF, NOTSET or a whole number from 0 to 50)");
            assertThat(server.logger("x").getLevel()).isEqualTo(Level.INFO);
        }
    }

    @OnEveryTransport
    void getLevelsListsConfiguredAndEffectiveLevels(Transport t) throws Exception {
        server.logger("openflow").setLevel(Level.WARN);
        server.logger("openflow.of_01");
        try (MessengerWire c = server.client(t)) {
            c.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"XID\":\"g\"}");
            JsonNode r = c.next();
            assertThat(r.get("CHANNEL").asText()).isEqualTo("log");
            assertThat(r.get("XID").asText()).isEqualTo("g");
            assertThat(r.at("/levels/openflow").toString()).isEqualTo("{\"configured\":\"WARNING\",\"effective\":\"WARNING\"}");
            assertThat(r.at("/levels/openflow.of_01").toString()).isEqualTo("{\"configured\":null,\"effective\":\"WARNING\"}");
            assertThat(r.at("/levels/").toString()).isEqualTo("{\"configured\":\"DEBUG\",\"effective\":\"DEBUG\"}");
        }
    }

    @OnEveryTransport
    void formatWithWidthsAndDateFormatShapeTheMessage(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (MessengerWire c = server.subscriber(t, ch, "\"format\":\"%(levelname)-8s|%(name)s|%(levelno)03d|%(message)s\",\"dateFormat\":\"%d/%m/%Y\"")) {
            server.logger("topology").warn("link down");
            assertThat(record(c, "link down").get("message").asText()).isEqualTo("WARNING |topology|030|link down");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"format\":\"[%(asctime)s] %(message)s\"}");
            server.settled(c, ch);
            server.logger("topology").info("dated");
            assertThat(record(c, "dated").get("message").asText()).matches("\\[\\d\\d/\\d\\d/\\d{4}\\] dated");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"format\":\"%(nosuch)s\"}");
            assertThat(c.next(m -> m.has("error")).get("error").asText()).isEqualTo("'format': unknown key 'nosuch' in format '%(nosuch)s'");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"format\":\"%(message)d\"}");
            assertThat(c.next(m -> m.has("error")).get("error").asText()).startsWith("'format': ");
        }
    }

    @OnEveryTransport
    void levelFiltersOnlyThisSubscription(Transport t) throws Exception {
        String quiet = TransportServer.channel();
        String loud = TransportServer.channel();
        try (MessengerWire q = server.subscriber(t, quiet, "\"level\":\"WARNING\""); MessengerWire l = server.subscriber(t, loud, "")) {
            server.logger("host_tracker").info("learned 00:00:00:00:00:01");
            server.logger("host_tracker").error("host moved");
            record(l, "learned");
            assertThat(record(q, "host moved").get("message").asText()).isEqualTo("host moved");
            assertThat(server.logger("host_tracker").isInfoEnabled()).isTrue();
            q.drain().forEach(m -> assertThat(m.path("message").asText()).doesNotContain("learned"));
        }
    }

    @OnEveryTransport
    void subsystemsSelectLoggersAndTheirChildren(Transport t) throws Exception {
        String ch = TransportServer.channel();
        try (MessengerWire c = server.subscriber(t, ch, "\"subsystems\":[\"openflow\"]", "openflow.settle")) {
            server.logger("openflow.of_01").info("of1");
            server.logger("openflowx").info("not a child");
            server.logger("web").info("web1");
            server.logger("openflow").info("of2");
            assertThat(record(c, "of1")).isNotNull();
            assertThat(record(c, "of2")).isNotNull();
            c.send("{\"CHANNEL\":\"" + ch + "\",\"add_subsystems\":[\"web\"]}");
            c.drain();
            server.logger("web").info("web2");
            assertThat(record(c, "web2")).isNotNull();
            c.send("{\"CHANNEL\":\"" + ch + "\",\"remove_subsystems\":[\"openflow\"]}");
            c.drain();
            server.logger("openflow").info("of3");
            server.logger("web").info("web3");
            List<String> seen = new ArrayList<>();
            record(c, "web3");
            c.drain().forEach(m -> seen.add(m.path("message").asText()));
            assertThat(seen).noneMatch(s -> s.contains("of3"));
        }
    }

    @OnEveryTransport
    void theMessengersOwnDebugRecordsDoNotFeedOnThemselves(Transport t) throws Exception {
        String ch = TransportServer.channel();
        server.logger("messenger").setLevel(Level.TRACE);
        server.logger("io.netty").setLevel(Level.TRACE);
        try (MessengerWire c = server.subscriber(t, ch, "\"json\":true")) {
            long first = server.settled(c, ch).get("seq").asLong();
            long second = server.settled(c, ch).get("seq").asLong();
            // Between two injected records the I/O of sending, receiving and routing them logged
            // at DEBUG; none of it may become a record.
            assertThat(second).isEqualTo(first + 1);
        }
    }

    @OnEveryTransport
    void joiningLogItselfSubscribesWithSharedSettings(Transport t) throws Exception {
        try (MessengerWire a = server.client(t); MessengerWire b = server.client(t)) {
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log\",\"format\":\"A:%(message)s\"}");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log\"}");
            server.settled(a, "log");
            server.settled(b, "log");
            server.logger("x").info("shared");
            assertThat(record(a, "shared").get("message").asText()).isEqualTo("A:shared");
            assertThat(record(b, "shared").get("message").asText()).isEqualTo("A:shared");
        }
    }

    @OnEveryTransport
    void aBadJoinIsRefusedWithAnError(Transport t) throws Exception {
        try (MessengerWire c = server.client(t)) {
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_bad\",\"backlog\":-1}");
            assertThat(c.next().get("error").asText())
                    .isEqualTo("join of 'log_bad' refused: 'backlog' must be a whole number, 0 or more, not -1");
            c.send("{\"CHANNEL\":\"log_bad\",\"json\":\"yes\"}");
            assertThat(c.next().get("error").asText()).isEqualTo("'json' must be true or false, not \"yes\"");
        }
    }

    @OnEveryTransport
    void aMessageWithNothingToDoIsAnError(Transport t) throws Exception {
        try (MessengerWire c = server.client(t)) {
            c.send("{\"CHANNEL\":\"log\",\"hello\":1}");
            assertThat(c.next().get("error").asText()).startsWith("nothing to do; 'log' takes setLevels");
        }
    }
}
