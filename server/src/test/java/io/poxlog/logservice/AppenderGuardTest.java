package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The appender's own {@code doAppend} keeps what logback's gave: no re-entry from the logging
 * thread, filters, the started check, and nothing thrown into the application.
 */
class AppenderGuardTest {

    /** An argument whose text is made by logging: the appender freezes it, on the logging thread. */
    private record Chatty(Logger logger) {
        @Override
        public String toString() {
            logger.info("inner record, logged while the outer one is appended");
            return "chatty";
        }
    }

    @Test
    void aRecordLoggedWhileTheAppenderAppendsIsNotAppendedAndTheOuterOneArrives() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            String channel = LogFixture.channel();
            try (WireClient sub = fx.subscriber(channel, "")) {
                Logger app = fx.logger("app");
                app.info("outer {}", new Chatty(app));
                app.info("after");
                List<String> messages = new ArrayList<>();
                JsonNode m;
                do {
                    m = sub.next(n -> n.has("message"));
                    messages.add(m.path("message").asText());
                } while (!m.path("message").asText().equals("after"));
                assertThat(messages).containsExactly("outer chatty", "after");
            }
        }
    }

    @Test
    void aDenyingFilterKeepsItsRecordsOutAndOthersArrive() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            fx.appender.addFilter(new Filter<ILoggingEvent>() {
                @Override
                public FilterReply decide(ILoggingEvent e) {
                    return e.getMessage().startsWith("secret") ? FilterReply.DENY : FilterReply.NEUTRAL;
                }
            });
            String channel = LogFixture.channel();
            try (WireClient sub = fx.subscriber(channel, "")) {
                fx.logger("app").info("secret {}", 1);
                fx.logger("app").info("public {}", 2);
                JsonNode m = sub.next(n -> n.has("message"));
                assertThat(m.path("message").asText()).isEqualTo("public 2");
            }
        }
    }

    @Test
    void aStoppedAppenderAppendsNothingAndSaysSoAFewTimes() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            fx.appender.stop();
            long before = fx.service.published();
            for (int i = 0; i < 10; i++) {
                fx.logger("app").info("while stopped {}", i);
            }
            assertThat(fx.service.published()).isEqualTo(before);
            long warnings = fx.context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() == Status.WARN && s.getMessage().contains("non started appender"))
                    .count();
            assertThat(warnings).isEqualTo(3);
        }
    }

    @Test
    void whatAppendThrowsNeverReachesTheApplication() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            fx.appender.addFilter(new Filter<ILoggingEvent>() {
                @Override
                public FilterReply decide(ILoggingEvent e) {
                    throw new IllegalStateException("a broken filter");
                }
            });
            for (int i = 0; i < 5; i++) {
                fx.logger("app").info("through a broken filter {}", i); // must not throw
            }
            long errors = fx.context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() == Status.ERROR && s.getMessage().contains("failed to append"))
                    .count();
            assertThat(errors).isEqualTo(3);
        }
    }
}
