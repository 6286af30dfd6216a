package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The service thread, which serves everyone, survives what fails outside any one subscription,
 * and if it cannot go on, stops loudly: never silently (issue 10, item 1).
 */
class ServiceFailureTest {

    private static boolean statusSays(LogFixture fx, int level, String text) {
        for (Status s : fx.context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() == level && s.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Three turns in a row fail with {@code failure}: each is reported, and the service goes on. */
    private static void assertTheServiceGoesOnAfterThreeFailedTurns(Supplier<RuntimeException> failure) throws Exception {
        AtomicInteger failuresToCome = new AtomicInteger();
        Runnable eachTurn = () -> {
            if (failuresToCome.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                throw failure.get();
            }
        };
        try (LogFixture fx = new LogFixture(LogServiceConfig.DEFAULTS, null, 0, eachTurn);
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"))) {
            Await.until("ticks arrive", () -> canary.received() > 5);
            failuresToCome.set(3);
            Await.until("the failures happened", () -> failuresToCome.get() == 0);
            canary.assertAlive(Canary.MAX_SILENCE);
            assertThat(fx.service.failure()).isNull();
            assertThat(fx.service.failures()).isEqualTo(3);
            assertThat(statusSays(fx, Status.ERROR, "a turn of the service thread failed (3 in a row")).isTrue();
        }
    }

    @Test
    void aTurnThatFailsOnceIsReportedAndTheServiceGoesOn() throws Exception {
        assertTheServiceGoesOnAfterThreeFailedTurns(() -> new IllegalStateException("simulated: a bug in the service loop"));
    }

    @Test
    void aFailedTurnThatCannotEvenBeDescribedLeavesTheServiceRunning() throws Exception {
        // The report of a failed turn was made inside the catch: an Error while describing the
        // failure left the loop, and the thread died without a word to anyone.
        assertTheServiceGoesOnAfterThreeFailedTurns(() -> new IllegalStateException() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("simulated: no room to describe it");
            }
        });
    }

    @Test
    void aServiceThreadThatCannotGoOnStopsLoudlyAndTellsEverySubscriber() throws Exception {
        AtomicInteger broken = new AtomicInteger();
        Runnable eachTurn = () -> {
            if (broken.get() > 0) {
                throw new InternalError("simulated: the service loop is broken");
            }
        };
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LogFixture fx = new LogFixture(LogServiceConfig.DEFAULTS, null, 0, eachTurn)) {
            ListAppender<ILoggingEvent> records = new ListAppender<>();
            records.setContext(fx.context);
            records.start();
            fx.root().addAppender(records);
            String ch = LogFixture.channel();
            try (WireClient c = fx.subscriber(ch, "")) {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                broken.set(1);
                JsonNode error = c.next(m -> m.has("error"));
                assertThat(error.get("CHANNEL").asText()).isEmpty();
                assertThat(error.get("request_channel").asText()).isEqualTo(ch);
                assertThat(error.get("error").asText()).startsWith("log service stopped: its thread failed 100 turns in a row")
                        .contains("simulated: the service loop is broken").contains("no record is streamed from now on");
                System.setErr(stderr);

                assertThat(fx.service.failure()).isInstanceOf(InternalError.class);
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("*** log service stopped");
                assertThat(statusSays(fx, Status.ERROR, "log service stopped")).isTrue();
                assertThat(records.list).anyMatch(e -> e.getLevel() == Level.ERROR
                        && e.getLoggerName().equals(LogService.LOGGER) && e.getFormattedMessage().startsWith("log service stopped"));

                String again = LogFixture.channel();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + again + "\"}");
                assertThat(c.next(m -> m.has("error")).get("error").asText())
                        .isEqualTo("join of '" + again + "' refused: the log service has stopped "
                                + "(java.lang.InternalError: simulated: the service loop is broken)");
            }
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void aJoinTheServiceNeverTookBeforeItStoppedIsToldItStopped() throws Exception {
        // Only the members the service had taken were told: a join still in its queue, behind
        // turns that failed before reading it, was left subscribed to nothing, and never told.
        ServiceHold hold = new ServiceHold();
        AtomicInteger broken = new AtomicInteger();
        Runnable eachTurn = () -> {
            hold.run();
            if (broken.get() > 0) {
                throw new InternalError("simulated: the service loop is broken");
            }
        };
        try (LogFixture fx = new LogFixture(LogServiceConfig.DEFAULTS, null, 0, eachTurn); WireClient late = fx.client()) {
            hold.engage();
            String ch = LogFixture.channel();
            late.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\"}");
            late.drain(); // the join waits in the service's queue
            broken.set(1);
            hold.release();
            JsonNode error = late.next(m -> m.has("error"));
            assertThat(error.get("CHANNEL").asText()).isEmpty();
            assertThat(error.get("request_channel").asText()).isEqualTo(ch);
            assertThat(error.get("error").asText()).startsWith("log service stopped: its thread failed 100 turns in a row");
            assertThat(fx.service.failure()).isInstanceOf(InternalError.class);
        }
    }
}
