package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.testing.WireClient;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A controller for log service tests: its own logback context (so tests do not share levels),
 * a messenger on an ephemeral loopback port, the log service, and the appender on the root.
 */
final class LogFixture implements AutoCloseable {
    final LoggerContext context = new LoggerContext();
    final Nexus nexus = new Nexus();
    final LogService service;
    final LogServiceAppender appender;
    final TcpTransport transport;

    LogFixture() throws Exception {
        this(LogServiceConfig.DEFAULTS);
    }

    LogFixture(LogServiceConfig config) throws Exception {
        this(config, null);
    }

    /** With {@code tokens}, clients must authenticate: use {@link #client(String)}. */
    LogFixture(LogServiceConfig config, AccessTokens tokens) throws Exception {
        this(config, tokens, 0);
    }

    /** With the first record numbered {@code seqBefore + 1}. */
    LogFixture(LogServiceConfig config, AccessTokens tokens, long seqBefore) throws Exception {
        this(config, tokens, seqBefore, null);
    }

    /** And {@code eachTurn} run at the start of every turn of the service thread (may be null). */
    LogFixture(LogServiceConfig config, AccessTokens tokens, long seqBefore, Runnable eachTurn) throws Exception {
        this(config, tokens, seqBefore, eachTurn, null);
    }

    /** With {@code clock} (may be null) for timed level changes, as a {@link ManualLevelClock}. */
    LogFixture(LogServiceConfig config, AccessTokens tokens, LevelClock clock) throws Exception {
        this(config, tokens, 0, null, clock);
    }

    private LogFixture(LogServiceConfig config, AccessTokens tokens, long seqBefore, Runnable eachTurn, LevelClock clock)
            throws Exception {
        nexus.setAccessTokens(tokens);
        context.setName("test-" + UUID.randomUUID());
        context.start();
        root().setLevel(Level.DEBUG);
        service = new LogService(nexus, context, config, seqBefore, eachTurn, clock).start();
        appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        root().addAppender(appender);
        transport = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS).start();
    }

    Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    WireClient client() throws IOException, InterruptedException {
        WireClient c = WireClient.connect(transport.boundAddress());
        c.welcome();
        return c;
    }

    /** A client authenticated with {@code token}. */
    WireClient client(String token) throws IOException, InterruptedException {
        WireClient c = client();
        c.authenticate(token);
        return c;
    }

    /** A client subscribed to a fresh log_ channel with the given extra join keys (JSON members). */
    WireClient subscriber(String channel, String joinKeys) throws IOException, InterruptedException {
        return subscriber(channel, joinKeys, "test.settle");
    }

    /** As above, settling with a marker from {@code settleLogger}, which the subscription must pass. */
    WireClient subscriber(String channel, String joinKeys, String settleLogger) throws IOException, InterruptedException {
        WireClient c = client();
        c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\""
                + (joinKeys.isEmpty() ? "" : "," + joinKeys) + "}");
        settled(c, channel, settleLogger);
        return c;
    }

    /**
     * Waits until the subscription of {@code channel} is live: injects a marker record and waits
     * for it. Returns the marker's record.
     */
    JsonNode settled(WireClient c, String channel) throws IOException, InterruptedException {
        return settled(c, channel, "test.settle");
    }

    JsonNode settled(WireClient c, String channel, String logger) throws IOException, InterruptedException {
        String marker = "settle-" + UUID.randomUUID();
        c.send("{\"CHANNEL\":\"" + channel + "\",\"message\":\"" + marker + "\",\"level\":\"CRITICAL\",\"subsystem\":\"" + logger + "\"}");
        return c.next(m -> m.path("message").asText().contains(marker));
    }

    /**
     * A record from {@code loggerName} whose message cannot be made, as when formatting it runs
     * out of memory: offer it with {@code service.offer}.
     */
    LogRecord poison(String loggerName) {
        LoggingEvent poison = new LoggingEvent(getClass().getName(), logger(loggerName), Level.INFO, "x", null, null) {
            @Override
            public String getFormattedMessage() {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
        };
        poison.getThreadName();
        return new LogRecord(poison, 1, false);
    }

    static String channel() {
        return "log_" + UUID.randomUUID();
    }

    @Override
    public void close() throws Exception {
        transport.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}
