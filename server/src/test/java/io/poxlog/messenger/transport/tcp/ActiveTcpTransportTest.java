package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.core.Role;
import io.poxlog.testing.Await;
import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.Tokens;
import io.poxlog.messenger.transport.netty.ServerTls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A messenger that dials out: it is welcomed, remembers the session id, and redials when lost. */
class ActiveTcpTransportTest {

    private static String peerSession(Nexus nexus) {
        try {
            // Read on the nexus thread: the set of connections is its alone.
            return nexus.call(() -> nexus.connections().stream().map(Connection::peerSessionId).filter(s -> s != null)
                    .findFirst().orElse(null)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dialsOutIsWelcomedAndRedialsAfterTheRemoteGoesAway() throws Exception {
        TestServer remote = new TestServer();
        int port = remote.address().getPort();
        Nexus local = new Nexus();
        ActiveTcpTransport active = new ActiveTcpTransport(local, "127.0.0.1", port, TcpSettings.DEFAULTS).start();
        try {
            Await.until("the remote welcomed us", () -> peerSession(local) != null);
            String first = peerSession(local);
            remote.close();
            Await.until("the connection is gone", () -> !active.connected());
            // A new messenger on the same port: the active transport finds it by itself.
            Nexus again = new Nexus();
            TcpTransport back = new TcpTransport(again, "127.0.0.1", port, TcpSettings.DEFAULTS).start();
            try {
                Await.until("we are welcomed again", () -> {
                    String s = peerSession(local);
                    return s != null && !s.equals(first);
                });
                assertThat(active.connected()).isTrue();
            } finally {
                back.stop();
                again.stop(5, TimeUnit.SECONDS);
            }
        } finally {
            active.stop();
            active.stop();
            local.stop(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRemoteThatHangsUpAtOnceIsRedialledWithGrowingBackoffNotTwiceASecond() throws Exception {
        // A messenger over its connection limit, say: it accepts, says an error and closes. Each
        // round also logs 'Connected' and 'Lost' at INFO, so a backoff that never grew flooded the log.
        try (java.net.ServerSocket refusing = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        try (java.net.Socket s = refusing.accept()) {
                            accepted.incrementAndGet();
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "hanging-up-remote");
            acceptor.setDaemon(true);
            acceptor.start();
            Nexus local = new Nexus();
            ActiveTcpTransport active = new ActiveTcpTransport(local, "127.0.0.1", refusing.getLocalPort(),
                    TcpSettings.DEFAULTS).start();
            try {
                Await.until("three connections, each hung up", () -> accepted.get() >= 3);
                assertThat(active.nextDelayMillis()).as("the wait before the next dial")
                        .isGreaterThanOrEqualTo(4 * ActiveTcpTransport.FIRST_DELAY_MS);
            } finally {
                active.stop();
                local.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void dialsOutOverTlsCheckingTheRemotesCertificateAndName() throws Exception {
        try (TestCertificate cert = new TestCertificate(); TestServer remote = TestServer.tls(cert, null)) {
            int port = remote.address().getPort();
            Nexus local = new Nexus();
            ActiveTcpTransport active = new ActiveTcpTransport(local, "localhost", port, TcpSettings.DEFAULTS,
                    ServerTls.trustingCa(cert.certificateFile()), null).start();
            try {
                Await.until("the remote welcomed us over TLS", () -> peerSession(local) != null);
            } finally {
                active.stop();
            }
            Await.until("the first connection is gone", () -> remote.transport.openConnections() == 0);
            CountDownLatch gone = new CountDownLatch(1);
            remote.nexus.call(() -> {
                remote.nexus.onDisconnected(c -> gone.countDown());
                return null;
            }).get(5, TimeUnit.SECONDS);
            // The same certificate, but dialled by a name it does not carry: the dialler hangs up.
            ActiveTcpTransport wrongName = new ActiveTcpTransport(local, "127.0.0.1", port, TcpSettings.DEFAULTS,
                    ServerTls.trustingCa(cert.certificateFile()), null).start();
            try {
                assertThat(gone.await(10, TimeUnit.SECONDS)).as("the connection was dropped").isTrue();
                assertThat(peerSession(local)).as("never welcomed").isNull();
            } finally {
                wrongName.stop();
                local.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void authenticatesWithItsTokenWhenTheRemoteAsks() throws Exception {
        try (TestServer remote = new TestServer(TcpSettings.DEFAULTS, Duration.ofSeconds(10), Tokens.BOTH)) {
            Nexus local = new Nexus();
            ActiveTcpTransport active = new ActiveTcpTransport(local, "127.0.0.1", remote.address().getPort(),
                    TcpSettings.DEFAULTS, null, Tokens.READ).start();
            try {
                Await.until("the remote knows us as a reader", () -> remote.nexus.call(() -> remote.nexus.connections()
                        .stream().anyMatch(c -> c.role() == Role.READ)).join());
            } finally {
                active.stop();
                local.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The one connection {@code nexus} has (the dialled one, or the one dialled in), or null. */
    private static Connection onlyConnection(Nexus nexus) {
        try {
            return nexus.call(() -> nexus.connections().stream().findFirst().orElse(null)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Connection dialledIn(TestServer remote) {
        return onlyConnection(remote.nexus);
    }

    /** The texts of the errors {@code nexus} receives from now on, from any connection. */
    private static List<String> errorsReceivedBy(Nexus nexus) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        nexus.call(() -> new ChannelBot(nexus.defaultChannel()) {
            {
                onCommand("error", e -> errors.add(e.message().path("error").asText()));
            }
        }).get(5, TimeUnit.SECONDS);
        return errors;
    }

    /**
     * Sends, from {@code nexus}, a message to a channel the other end does not have: its error
     * comes after anything it said before, and, being an error, is answered by nobody.
     */
    private static void probeTheOtherEnd(Nexus nexus, String probe, List<String> errorsBack) throws Exception {
        nexus.call(() -> {
            nexus.connections().iterator().next().send(Json.object().put("CHANNEL", probe));
            return null;
        }).get(5, TimeUnit.SECONDS);
        Await.until("the answer to " + probe, () -> errorsBack.stream().anyMatch(e -> e.contains(probe)));
    }

    @Test
    void welcomesTheRemoteOnConnectAsPoxDoesWithoutAskingItForAToken() throws Exception {
        try (TestServer remote = new TestServer()) {
            Nexus local = new Nexus();
            local.setAccessTokens(Tokens.BOTH); // ours are for clients, never for a messenger we dial
            ActiveTcpTransport active = new ActiveTcpTransport(local, "127.0.0.1", remote.address().getPort(),
                    TcpSettings.DEFAULTS).start();
            try {
                Await.until("the remote knows our session id", () -> {
                    Connection c = dialledIn(remote);
                    return c != null && c.peerSessionId() != null;
                });
                assertThat(dialledIn(remote).peerSessionId()).isEqualTo(onlyConnection(local).sessionId());
            } finally {
                active.stop();
                local.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void neitherItsWelcomeBeforeItsTokenNorTheRemotesAnswerToTheTokenIsAnsweredWithAnError() throws Exception {
        try (TestServer remote = new TestServer(TcpSettings.DEFAULTS, Duration.ofSeconds(10), Tokens.BOTH)) {
            Nexus local = new Nexus();
            List<String> remoteGot = errorsReceivedBy(remote.nexus);
            List<String> weGot = errorsReceivedBy(local);
            ActiveTcpTransport active = new ActiveTcpTransport(local, "127.0.0.1", remote.address().getPort(),
                    TcpSettings.DEFAULTS, null, Tokens.READ).start();
            try {
                Await.until("the remote knows us as a reader, by our session id", () -> {
                    Connection c = dialledIn(remote);
                    return c != null && c.role() == Role.READ && c.peerSessionId() != null;
                });
                probeTheOtherEnd(local, "probe-from-us", weGot);
                assertThat(weGot).as("errors the remote sent us (our welcome came before our token)")
                        .containsExactly("no channel named 'probe-from-us'");
                probeTheOtherEnd(remote.nexus, "probe-from-the-remote", remoteGot);
                assertThat(remoteGot).as("errors we sent the remote (its 'authenticated' included)")
                        .containsExactly("no channel named 'probe-from-the-remote'");
            } finally {
                active.stop();
                local.stop(5, TimeUnit.SECONDS);
            }
        }
    }
}
