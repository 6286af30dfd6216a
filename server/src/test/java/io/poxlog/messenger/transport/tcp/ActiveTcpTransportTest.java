package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.testing.Await;
import io.poxlog.testing.TestServer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A messenger that dials out: it is welcomed, remembers the session id, and redials when lost. */
class ActiveTcpTransportTest {

    private static String peerSession(Nexus nexus) {
        try {
            Set<Connection> cons = nexus.call(nexus::connections).get(5, TimeUnit.SECONDS);
            return cons.stream().map(Connection::peerSessionId).filter(s -> s != null).findFirst().orElse(null);
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
}
