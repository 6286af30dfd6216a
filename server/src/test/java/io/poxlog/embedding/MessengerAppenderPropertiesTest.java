package io.poxlog.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The appender's bean properties, as logback.xml sets them: their names and defaults. */
class MessengerAppenderPropertiesTest {

    @Test
    void gettersTellTheDefaultsBinControllerHas() {
        MessengerAppender a = new MessengerAppender();
        assertThat(a.getAddress()).isEqualTo("127.0.0.1");
        assertThat(a.getPort()).isEqualTo(7790);
        assertThat(a.getRetain()).isEqualTo(10_000);
        assertThat(a.getQueueSize()).isEqualTo(65_536);
        assertThat(a.getMaxRecordBytes()).isEqualTo(1_048_576);
        assertThat(a.getMaxFrameBytes()).isEqualTo(1_048_576);
        assertThat(a.getMaxConnections()).isEqualTo(1000);
        assertThat(a.getHandshakeTimeout()).isEqualTo(10);
        assertThat(a.getIdleTimeout()).isEqualTo(60);
        assertThat((long) MessengerAppender.DEFAULT_HANDSHAKE_TIMEOUT_SECONDS)
                .isEqualTo(io.poxlog.messenger.transport.netty.ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds());
        assertThat((long) MessengerAppender.DEFAULT_IDLE_TIMEOUT_SECONDS)
                .isEqualTo(io.poxlog.messenger.transport.netty.ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds());
        assertThat(a.isIncludeCallerData()).isFalse();
        assertThat(a.getTokensFile()).isNull();
        a.setPort(0);
        a.setTokensFile("  ");
        assertThat(a.getPort()).isZero();
        assertThat(a.getTokensFile()).isNull();
    }

    @Test
    void logbackSeesEveryPropertyReadmeDocumentsOnTheAppender() throws IntrospectionException {
        // Joran sets a property through the appender's bean setters, inherited ones included.
        String[] writable = Arrays.stream(Introspector.getBeanInfo(MessengerAppender.class).getPropertyDescriptors())
                .filter(p -> p.getWriteMethod() != null)
                .map(PropertyDescriptor::getName)
                .filter(Objects::nonNull)
                .toArray(String[]::new);
        assertThat(writable).contains("address", "port", "tokensFile", "tlsCert", "tlsKey", "tlsProtocols", "retain",
                "queueSize", "maxRecordBytes", "maxRemoteLoggers", "maxLevelFor", "includeCallerData", "maxFrameBytes",
                "maxConnections", "maxConnectionsPerAddress", "maxMessagesPerSecond", "handshakeTimeout",
                "idleTimeout", "webPort", "webAddress", "wsTransport", "cometTransport", "jsonRpcTransport",
                "examples", "components");
    }
}
