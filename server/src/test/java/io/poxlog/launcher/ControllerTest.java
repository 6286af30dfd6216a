package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The POX-style command line of bin/controller. */
class ControllerTest {

    @Test
    void componentsTakeTheOptionsThatFollowThem() throws Exception {
        List<ComponentRequest> r = ComponentRequest.parse(List.of("log.level", "--DEBUG", "messenger",
                "messenger.tcp_transport", "--tcp_port=7791", "--tcp_address=0.0.0.0"));
        assertThat(r).extracting(ComponentRequest::name).containsExactly("log.level", "messenger", "messenger.tcp_transport");
        assertThat(r.get(0).options()).containsEntry("DEBUG", "true");
        assertThat(r.get(2).options()).containsEntry("tcp_port", "7791").containsEntry("tcp_address", "0.0.0.0");
    }

    @Test
    void anUnknownComponentIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "openflow.discovery")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown component 'openflow.discovery'; known: messenger, messenger.tcp_transport");
    }

    @Test
    void anUnknownOptionIsRefusedNamingTheComponentsOptions() {
        assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--port=1")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("messenger.tcp_transport: unknown option --port; it takes --");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.example", "--x")))
                .hasMessage("messenger.example: unknown option --x (it takes none)");
    }

    @Test
    void badValuesAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--tcp_port=eighty")))
                .hasMessage("messenger.tcp_transport: --tcp_port must be a whole number, not 'eighty'");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--tcp_port=70000")))
                .hasMessage("messenger.tcp_transport: --tcp_port must be between 0 and 65535, not 70000");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.log_service", "--max_remote_loggers=-1")))
                .hasMessage("messenger.log_service: --max_remote_loggers must be between 0 and 10000000, not -1");
        assertThatThrownBy(() -> Controller.start(List.of("log.level", "--openflow=LOUD")))
                .hasMessageStartingWith("log.level: --openflow=LOUD: unknown level 'LOUD'");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.log_service", "--max_record_bytes=1000")))
                .hasMessage("messenger.log_service: --max_record_bytes must be between 65536 and 16777216, not 1000");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.log_service", "--max_level_for=604801")))
                .hasMessage("messenger.log_service: --max_level_for must be between 0 and 604800, not 604801");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.log_service", "--max_level_for=5m")))
                .hasMessage("messenger.log_service: --max_level_for must be a whole number, not '5m'");
        assertThatThrownBy(() -> Controller.start(List.of("--DEBUG")))
                .hasMessageStartingWith("option --DEBUG comes before any component");
    }

    @Test
    void aBadCommandLineExitsWithCode2AndAOneLineReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Controller.run(List.of("nonsense"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("controller: unknown component 'nonsense'");
    }

    @Test
    void helpListsEveryComponent() {
        assertThat(Controller.help()).contains("messenger.tcp_transport:active", "log.level", "messenger.example");
    }

    @Test
    void startsTheNamedComponentsAndServesClients() throws Exception {
        ControllerRuntime rt = Controller.start(List.of("log.level", "--WARNING", "--openflow.of_01=DEBUG",
                "messenger", "messenger.tcp_transport", "--tcp_port=0", "messenger.example"));
        try {
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            assertThat(ctx.getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);
            assertThat(ctx.getLogger("openflow.of_01").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(rt.loaded()).containsExactly("log.level", "messenger", "messenger.tcp_transport", "messenger.example");
            assertThat(rt.listening()).singleElement().satisfies(a -> assertThat(a.getAddress().isLoopbackAddress()).isTrue());
            try (WireClient c = WireClient.connect(rt.listening().get(0))) {
                c.welcome();
                c.send("{\"CHANNEL\":\"upper\",\"msg\":\"up\"}");
                assertThat(c.next().get("msg").asText()).isEqualTo("UP");
            }
        } finally {
            rt.stop();
            rt.stop();
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            ctx.getLogger("ROOT").setLevel(Level.INFO);
            ctx.getLogger("openflow.of_01").setLevel(null);
        }
    }

    @Test
    void theDefaultIsTheWholeDemoWithTheBrowserViewerAndItsTransportsComeLast() {
        List<String> defaults = Components.defaults();
        assertThat(defaults).containsExactly("messenger", "messenger.log_service", "messenger.example", "demo",
                "messenger.ws_transport", "web.log_viewer", "web.webcore", "messenger.tcp_transport");
        // nothing listens before the services are there: a client that connects at once can join the log
        for (String listener : List.of("web.webcore", "messenger.tcp_transport")) {
            for (String service : List.of("messenger.log_service", "messenger.example", "messenger.ws_transport",
                    "web.log_viewer")) {
                assertThat(defaults.indexOf(listener)).as(listener + " after " + service)
                        .isGreaterThan(defaults.indexOf(service));
            }
        }
    }

    @Test
    void theLogServiceComponentStreamsTheDemoControllersLog() throws Exception {
        ControllerRuntime rt = Controller.start(List.of("messenger.tcp_transport", "--tcp_port=0",
                "messenger.log_service", "--retain=50", "demo", "--rate=500"));
        try (WireClient c = WireClient.connect(rt.listening().get(0))) {
            c.welcome();
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_t\",\"json\":true,"
                    + "\"subsystems\":[\"openflow\",\"forwarding\"]}");
            JsonNode r = c.next(m -> m.has("seq"));
            assertThat(r.get("name").asText()).matches("(openflow|forwarding)\\..*");
            assertThat(r.get("levelname").asText()).isIn("TRACE", "DEBUG", "INFO", "WARNING", "ERROR");
        } finally {
            rt.stop();
        }
    }

    @Test
    void aPortInUseFailsToStartAndStopsWhatStarted() throws Exception {
        ControllerRuntime first = Controller.start(List.of("messenger.tcp_transport", "--tcp_port=0"));
        try {
            int port = first.listening().get(0).getPort();
            assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--tcp_port=" + port)))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
        } finally {
            first.stop();
        }
    }
}
