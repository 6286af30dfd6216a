package io.poxlog.launcher;

import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.web.WebServer;
import java.time.Duration;
import java.util.Set;

/**
 * What the components of the two HTTP transports share ({@code messenger.web_transport},
 * {@code messenger.ajax_transport}): POX's {@code --username}/{@code --password}, the limits of
 * a session, which are a TCP connection's, and mounting on {@code web.webcore}'s server, which
 * must be loaded too. {@code S}: the transport's settings.
 */
abstract class HttpTransportComponent<S> implements Component {
    static final Set<String> NAMES = Set.of("username", "password", "max_sessions", "max_sessions_per_address",
            "max_messages_per_second", "handshake_timeout", "idle_timeout");

    private final String name;
    private final String what;
    private final HttpSessionSettings defaults;

    /** {@code what}: the transport in words, for the description; {@code defaults}: its sessions' settings. */
    HttpTransportComponent(String name, String what, HttpSessionSettings defaults) {
        this.name = name;
        this.what = what;
        this.defaults = defaults;
    }

    /** The transport's settings, from its sessions' and POX's Basic credentials (nulls: none). */
    abstract S settings(HttpSessionSettings sessions, String username, String password);

    /** Mounts the transport on {@code web}; returns how to stop it. */
    abstract ControllerRuntime.Stoppable mount(Nexus nexus, S settings, WebServer web);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return what + " on web.webcore (load it too): " + describe(defaults);
    }

    @Override
    public final Set<String> options() {
        return NAMES;
    }

    @Override
    public final void validate(ComponentRequest r) throws UsageException {
        settings(r);
    }

    @Override
    public final void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        if (runtime.webServer() == null) {
            throw new UsageException(r.name() + " needs web.webcore: bin/controller messenger web.webcore "
                    + r.name() + " ...");
        }
        runtime.onStop(mount(runtime.nexus(), settings(r), runtime.webServer()));
    }

    private S settings(ComponentRequest r) throws UsageException {
        String[] basic = basic(r);
        return settings(sessions(r, defaults), basic[0], basic[1]);
    }

    private static String describe(HttpSessionSettings d) {
        ConnectionLimits l = d.limits();
        return "--username and --password (POX's HTTP Basic authentication; both or neither) --max_sessions ("
                + l.maxConnections() + ") --max_sessions_per_address (" + l.maxConnectionsPerAddress()
                + ") --max_messages_per_second (" + l.messagesPerSecond() + " per session, bursts of twice that) "
                + "--handshake_timeout (" + l.handshakeTimeout().toSeconds() + " seconds to authenticate) --idle_timeout ("
                + l.idleTimeout().toSeconds() + " seconds a session in no channel may send nothing; 0 = never); "
                + "sessions expire " + d.expiry().toSeconds() + " s after their last request";
    }

    private static HttpSessionSettings sessions(ComponentRequest r, HttpSessionSettings d) throws UsageException {
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
    private static String[] basic(ComponentRequest r) throws UsageException {
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
}
