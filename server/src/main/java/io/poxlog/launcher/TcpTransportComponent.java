package io.poxlog.launcher;

import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/** {@code messenger.tcp_transport}: listen for messenger clients over TCP, within limits. */
final class TcpTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.tcp_transport";
    }

    @Override
    public String description() {
        return "listen for clients: --tcp_address (127.0.0.1) --tcp_port (7790; 0 = any free port) "
                + "--max_frame_bytes (1048576) --max_connections (1000) --max_connections_per_address (100; an "
                + "IPv6 /64 is one address) --max_messages_per_second (1000 per connection, bursts of twice that) "
                + "--handshake_timeout (10 seconds to authenticate) --idle_timeout (60 seconds a connection in no "
                + "channel may send nothing; 0 = never) "
                + "--tls_cert=FILE --tls_key=FILE (PEM certificate chain and PKCS#8 key: clients must use TLS) "
                + "--tls_protocols (TLSv1.3; TLSv1.3,TLSv1.2 accepts TLS 1.2 too, never its renegotiation)";
    }

    @Override
    public Set<String> options() {
        return Set.of("tcp_address", "tcp_port", "max_frame_bytes", "max_connections", "max_connections_per_address",
                "max_messages_per_second", "handshake_timeout", "idle_timeout", "tls_cert", "tls_key", "tls_protocols");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 0, 65535);
        settings(r);
        tls(r);
    }

    /** The TLS context from --tls_cert and --tls_key, or null without them (web.webcore's too). */
    static SslContext tls(ComponentRequest r) throws UsageException {
        String cert = r.option("tls_cert", null);
        String key = r.option("tls_key", null);
        String protocols = r.option("tls_protocols", null);
        if (cert == null && key == null) {
            if (protocols != null) {
                throw new UsageException(r.name() + ": --tls_protocols needs --tls_cert and --tls_key");
            }
            return null;
        }
        if (cert == null || key == null || cert.equals("true") || key.equals("true")) {
            throw new UsageException(r.name() + ": TLS needs both --tls_cert=FILE and --tls_key=FILE");
        }
        try {
            return ServerTls.fromPem(Path.of(cert), Path.of(key), protocols == null ? ServerTls.DEFAULT_PROTOCOLS
                    : Arrays.stream(protocols.split(",")).map(String::strip).toList());
        } catch (IllegalArgumentException e) {
            throw new UsageException(r.name() + ": " + e.getMessage());
        }
    }

    private static TcpSettings settings(ComponentRequest r) throws UsageException {
        ConnectionLimits limits = ConnectionLimits.DEFAULTS
                .withMaxConnections(r.intOption("max_connections", ConnectionLimits.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000))
                .withMaxConnectionsPerAddress(r.intOption("max_connections_per_address",
                        ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 1, 1_000_000))
                .withMessagesPerSecond(r.intOption("max_messages_per_second",
                        ConnectionLimits.DEFAULT_MESSAGES_PER_SECOND, 1, 100_000_000))
                .withHandshakeTimeout(Duration.ofSeconds(r.intOption("handshake_timeout",
                        (int) ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds(), 1, 3600)))
                .withIdleTimeout(Duration.ofSeconds(r.intOption("idle_timeout",
                        (int) ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds(), 0, 86_400)));
        return TcpSettings.DEFAULTS.withLimits(limits).withMaxFrameBytes(
                r.intOption("max_frame_bytes", TcpSettings.DEFAULT_MAX_FRAME_BYTES, 64, Integer.MAX_VALUE));
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        TcpTransport t = new TcpTransport(runtime.nexus(),
                r.option("tcp_address", TcpTransport.DEFAULT_ADDRESS),
                r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 0, 65535), settings(r), tls(r));
        t.start();
        runtime.onStop(t::stop);
        runtime.listeningOn(t.boundAddress());
    }
}
