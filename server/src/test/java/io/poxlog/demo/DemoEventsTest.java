package io.poxlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator on its own, driven on the test thread: the mix and the story it logs. */
class DemoEventsTest {
    private static final int SAMPLE = 20_000;
    private static final Pattern CONNECTION = Pattern.compile("^(\\[00-00-00-00-00-0[1-6] \\d+\\]) ");

    private LogCapture capture;

    @AfterEach
    void restoreLogging() {
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void theMixIsMostlyDebugAndInfoWithSomeWarningsAndRareErrors() {
        List<ILoggingEvent> events = emit(1L, SAMPLE);
        Map<Level, Integer> perLevel = new HashMap<>();
        events.forEach(e -> perLevel.merge(e.getLevel(), 1, Integer::sum));

        assertThat(perLevel).containsOnlyKeys(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
        assertThat(perLevel.get(Level.DEBUG) + perLevel.get(Level.INFO)).isGreaterThan(SAMPLE * 7 / 10);
        assertThat(perLevel.get(Level.INFO)).isGreaterThan(SAMPLE / 10);
        assertThat(perLevel.get(Level.WARN)).isBetween(SAMPLE / 50, SAMPLE / 8);
        assertThat(perLevel.get(Level.TRACE)).isBetween(SAMPLE / 50, SAMPLE / 8);
        assertThat(perLevel.get(Level.ERROR)).isBetween(SAMPLE / 500, SAMPLE / 40);
    }

    @Test
    void errorsCarryRealStackTracesSomeWithACause() {
        List<ILoggingEvent> errors = emit(2L, SAMPLE).stream()
                .filter(e -> e.getThrowableProxy() != null).collect(Collectors.toList());

        assertThat(errors).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            // Thrown a few frames below the generator, so the trace shows the whole path.
            assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).hasSizeGreaterThanOrEqualTo(5);
        });
        assertThat(errors).extracting(e -> e.getThrowableProxy().getClassName())
                .contains("java.net.SocketException", "java.lang.IllegalStateException",
                        "java.lang.IllegalArgumentException", "java.lang.NullPointerException",
                        "java.io.UncheckedIOException");
        assertThat(errors).filteredOn(e -> e.getThrowableProxy().getCause() != null)
                .extracting(e -> e.getThrowableProxy().getCause().getClassName())
                .contains("java.nio.BufferUnderflowException", "java.lang.NumberFormatException",
                        "java.nio.channels.ClosedChannelException");
    }

    @Test
    void theSameSeedTellsTheSameStoryAndAnotherSeedAnother() {
        List<String> first = messages(emit(42L, 2_000));
        List<String> again = messages(emit(42L, 2_000));
        List<String> other = messages(emit(43L, 2_000));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theStoryIsTheSameWhateverLevelIsEnabled() {
        List<String> atTrace = messagesFromCalls(7L, 5_000, Level.TRACE).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        List<String> atInfo = messages(messagesFromCalls(7L, 5_000, Level.INFO));

        assertThat(atInfo).isNotEmpty().isEqualTo(atTrace);
    }

    @Test
    void theNetworkComesUpFirstAndOnlyConnectedSwitchesSendPacketIns() {
        List<ILoggingEvent> events = emit(3L, SAMPLE);
        assertThat(events.get(0).getFormattedMessage()).endsWith("] connected");

        Set<String> live = new HashSet<>();
        int packetIns = 0;
        int reconnects = 0;
        for (ILoggingEvent e : events) {
            String message = e.getFormattedMessage();
            Matcher m = CONNECTION.matcher(message);
            if (!e.getLoggerName().equals("openflow.of_01") || !m.find()) {
                continue;
            }
            String connection = m.group(1);
            if (message.endsWith("] connected")) {
                reconnects += live.isEmpty() ? 0 : 1;
                assertThat(live.add(connection)).as("connected twice: %s", connection).isTrue();
            } else if (message.endsWith("] closed")) {
                assertThat(live.remove(connection)).as("closed while not connected: %s", connection).isTrue();
            } else {
                assertThat(live).as("%s", message).contains(connection);
                packetIns += message.contains("PacketIn") ? 1 : 0;
            }
        }
        assertThat(packetIns).isGreaterThan(SAMPLE / 20);
        assertThat(reconnects).isGreaterThan(6); // switches do leave and come back
    }

    @Test
    void rarerEventsShowUpInALargeSample() {
        assertThat(messages(emit(4L, SAMPLE)))
                .anySatisfy(m -> assertThat(m).startsWith("link timeout: 00-00-00-00-00-0"))
                .anySatisfy(m -> assertThat(m).contains(" timed out: no echo reply"))
                .anySatisfy(m -> assertThat(m).contains(" moved from 00-00-00-00-00-0"))
                .anySatisfy(m -> assertThat(m).startsWith("Leased 10.0.0."))
                .anySatisfy(m -> assertThat(m).contains(" - - \"GET /").endsWith(" 404 -"))
                .anySatisfy(m -> assertThat(m).startsWith("FlowStatsReceived from 00-00-00-00-00-0"))
                .anySatisfy(m -> assertThat(m).startsWith("Disabling flooding on 00-00-00-00-00-0"))
                .anySatisfy(m -> assertThat(m).contains("flow_mod ADD match[in_port="))
                .anySatisfy(m -> assertThat(m).contains("FlowRemoved: match[dl_src="));
    }

    /** Runs a fresh generator for {@code count} log calls on this thread and returns them. */
    private List<ILoggingEvent> emit(long seed, int count) {
        if (capture != null) {
            capture.close();
        }
        capture = LogCapture.onRoot(count);
        DemoEvents events = new DemoEvents(seed);
        int made = 0;
        while (made < count) {
            made += events.emit();
        }
        assertThat(capture.count()).isEqualTo(made); // emit() counts exactly the log calls it makes
        return capture.events();
    }

    /** Calls emit() exactly {@code calls} times with the root at {@code level}. */
    private List<ILoggingEvent> messagesFromCalls(long seed, int calls, Level level) {
        if (capture != null) {
            capture.close();
        }
        capture = LogCapture.onRoot(4 * calls);
        capture.rootLevel(level);
        DemoEvents events = new DemoEvents(seed);
        for (int i = 0; i < calls; i++) {
            events.emit();
        }
        return capture.events();
    }

    private static List<String> messages(List<ILoggingEvent> events) {
        return events.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }
}
