package io.poxlog.launcher;

import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import java.time.Duration;
import java.util.Set;

/**
 * The options the two HTTP transports share ({@code messenger.web_transport},
 * {@code messenger.ajax_transport}): POX's {@code --username}/{@code --password}, and the limits
 * of a session, which are a TCP connection's.
 */
final class HttpTransportOptions {
    static final Set<String> NAMES = Set.of("username", "password", "max_sessions", "max_sessions_per_address",
            "max_messages_per_second", "handshake_timeout", "idle_timeout");

    private HttpTransportOptions() {
    }

    static String describe(HttpSessionSettings d) {
        ConnectionLimits l = d.limits();
        return "--username and --password (POX's HTTP Basic authentication; both or neither) --max_sessions ("
                + l.maxConnections() + ") --max_sessions_per_address (" + l.maxConnectionsPerAddress()
                + ") --max_messages_per_second (" + l.messagesPerSecond() + " per session, bursts of twice that) "
                + "--handshake_timeout (" + l.handshakeTimeout().toSeconds() + " seconds to authenticate) --idle_timeout ("
                + l.idleTimeout().toSeconds() + " seconds a session in no channel may send nothing; 0 = never); "
                + "sessions expire " + d.expiry().toSeconds() + " s after their last request";
    }

    static HttpSessionSettings sessions(ComponentRequest r, HttpSessionSettings d) throws UsageException {
        ConnectionLimits l = d.limits();
        int rate = r.intOption("max_messages_per_second", l.messagesPerSecond(), 1, 100_000_000);
        ConnectionLimits limits = l
                .withMaxConnections(r.intOption("max_sessions", l.maxConnections(), 1, 1_000_000))
                .withMaxConnectionsPerAddress(r.intOption("max_sessions_per_address", l.maxConnectionsPerAddress(), 1,
                        1_000_000))
                .withMessageRate(rate, 2 * rate)
                .withHandshakeTimeout(Duration.ofSeconds(r.intOption("handshake_timeout",
                        (int) l.handshakeTimeout().toSeconds(), 1, 3600)))
                .withIdleTimeout(Duration.ofSeconds(r.intOption("idle_timeout", (int) l.idleTimeout().toSeconds(), 0,
                        86_400)));
        return d.withLimits(limits);
    }

    /** {@code {username, password}}, or nulls; refused when only one is given. */
    static String[] basic(ComponentRequest r) throws UsageException {
        String user = r.option("username", null);
        String pass = r.option("password", null);
        if ((user == null) != (pass == null)) {
            throw new UsageException(r.name() + ": --username and --password go together (POX's Basic authentication)");
        }
        if (user != null && (user.isEmpty() || user.indexOf(':') >= 0 || user.equals("true") || pass.equals("true"))) {
            throw new UsageException(r.name() + ": --username must be a name without ':', given as --username=NAME, "
                    + "and --password as --password=SECRET");
        }
        return new String[] {user, pass};
    }

    static void needWeb(ControllerRuntime runtime, ComponentRequest r) throws UsageException {
        if (runtime.webServer() == null) {
            throw new UsageException(r.name() + " needs web.webcore: bin/controller messenger web.webcore "
                    + r.name() + " ...");
        }
    }
}
