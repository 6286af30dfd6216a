package io.poxlog.launcher;

import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.ws.WsSettings;
import io.poxlog.messenger.transport.ws.WsTransport;
import java.time.Duration;
import java.util.Set;

/**
 * {@code messenger.ws_transport}: the messenger over WebSocket at {@code /_webmsg/ws}, mounted on
 * {@code web.webcore}'s server (which must be loaded too), within the TCP transport's limits.
 */
final class WsTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.ws_transport";
    }

    @Override
    public String description() {
        return "the messenger over WebSocket at " + WsTransport.PATH + " on web.webcore (load it too): "
                + "--max_frame_bytes (" + WsSettings.DEFAULT_MAX_FRAME_BYTES + ", a message over all its fragments) "
                + "--max_messages_per_second (" + ConnectionLimits.DEFAULT_MESSAGES_PER_SECOND + " per connection, "
                + "bursts of twice that) --handshake_timeout (" + ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds()
                + " seconds to authenticate) --idle_timeout (" + ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds()
                + " seconds a connection in no channel may send nothing; 0 = never) --ping_interval ("
                + WsSettings.DEFAULT_PING_INTERVAL.toSeconds() + " seconds; closed after 2 unanswered)";
    }

    @Override
    public Set<String> options() {
        return Set.of("max_frame_bytes", "max_messages_per_second", "handshake_timeout", "idle_timeout", "ping_interval");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        settings(r);
    }

    private static WsSettings settings(ComponentRequest r) throws UsageException {
        ConnectionLimits limits = ConnectionLimits.DEFAULTS
                .withMessagesPerSecond(r.intOption("max_messages_per_second",
                        ConnectionLimits.DEFAULT_MESSAGES_PER_SECOND, 1, 100_000_000))
                .withHandshakeTimeout(Duration.ofSeconds(r.intOption("handshake_timeout",
                        (int) ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds(), 1, 3600)))
                .withIdleTimeout(Duration.ofSeconds(r.intOption("idle_timeout",
                        (int) ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds(), 0, 86_400)));
        return WsSettings.DEFAULTS.withLimits(limits)
                .withMaxFrameBytes(r.intOption("max_frame_bytes", WsSettings.DEFAULT_MAX_FRAME_BYTES, 64, Integer.MAX_VALUE))
                .withPingInterval(Duration.ofSeconds(r.intOption("ping_interval",
                        (int) WsSettings.DEFAULT_PING_INTERVAL.toSeconds(), 1, 3600)));
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        if (runtime.webServer() == null) {
            throw new UsageException(r.name() + " needs web.webcore: bin/controller messenger web.webcore "
                    + r.name() + " ...");
        }
        WsTransport t = new WsTransport(runtime.nexus(), settings(r)).mountOn(runtime.webServer());
        runtime.onStop(t::stop);
    }
}
