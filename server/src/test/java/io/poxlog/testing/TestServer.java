package io.poxlog.testing;

import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real messenger on an ephemeral loopback port, with the example services, for tests. */
public final class TestServer implements AutoCloseable {
    public final Nexus nexus = new Nexus();
    public final TcpTransport transport;
    public final ExampleServices examples;

    public TestServer() throws Exception {
        this(TcpSettings.DEFAULTS, Duration.ofSeconds(10));
    }

    public TestServer(TcpSettings settings, Duration timePeriod) throws Exception {
        this(settings, timePeriod, null);
    }

    /** With {@code tokens} non-null, clients must authenticate. */
    public TestServer(TcpSettings settings, Duration timePeriod, AccessTokens tokens) throws Exception {
        this(settings, timePeriod, tokens, null);
    }

    /** With {@code tls} non-null, clients must speak TLS. */
    public TestServer(TcpSettings settings, Duration timePeriod, AccessTokens tokens, SslContext tls) throws Exception {
        nexus.setAccessTokens(tokens);
        examples = new ExampleServices(nexus, timePeriod).start();
        transport = new TcpTransport(nexus, "127.0.0.1", 0, settings, tls).start();
    }

    /** Speaking TLS with {@code cert}; with {@code tokens} non-null, clients must authenticate. */
    public static TestServer tls(TestCertificate cert, AccessTokens tokens) throws Exception {
        return new TestServer(TcpSettings.DEFAULTS, Duration.ofSeconds(10), tokens,
                ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile()));
    }

    public InetSocketAddress address() {
        return transport.boundAddress();
    }

    public WireClient client() throws IOException {
        return WireClient.connect(address());
    }

    @Override
    public void close() throws Exception {
        transport.stop();
        examples.stop();
        nexus.stop(5, TimeUnit.SECONDS);
    }
}
