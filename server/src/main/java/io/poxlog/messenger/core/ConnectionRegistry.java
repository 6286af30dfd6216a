package io.poxlog.messenger.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections the transports have reported and not yet lost: each welcomed as it comes (with
 * the role the {@link AuthGate} gives it), and, as it goes, taken out of its channels and its
 * invitations, and announced to the disconnect listeners. Not for what a connection may do once
 * here ({@link AuthGate}, {@link ChannelAdmission}).
 *
 * <p>Nexus thread only, as all the nexus's state: it needs no lock.
 */
final class ConnectionRegistry {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    private final AuthGate auth;
    private final Welcome welcome;
    private final UnjoinedChannels unjoined;
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final List<Consumer<Connection>> disconnectListeners = new ArrayList<>();

    ConnectionRegistry(AuthGate auth, Welcome welcome, UnjoinedChannels unjoined) {
        this.auth = auth;
        this.welcome = welcome;
        this.unjoined = unjoined;
    }

    /** See {@link Nexus#connected}. */
    void add(Connection con) {
        connections.add(con);
        AccessTokens.Grant granted = con.grantedBeforeWelcome();
        if (granted != null && auth.required()) {
            // The token came before the connection (PROTOCOL.md §9.3): it may act from its welcome on.
            auth.grant(con, granted);
            con.send(welcome.to(con, true));
            con.send(AuthGate.authenticated(granted.role(), null));
        } else {
            con.setRole(auth.initialRole(con));
            con.send(welcome.to(con, auth.required() && !con.dialled()));
        }
        log.debug("{} connected", con);
    }

    boolean contains(Connection con) {
        return connections.contains(con);
    }

    Set<Connection> all() {
        return Collections.unmodifiableSet(connections);
    }

    /** Called for every connection that goes away, after it has left its channels. */
    void onDisconnected(Consumer<Connection> listener) {
        disconnectListeners.add(listener);
    }

    /** See {@link Nexus#disconnected}; nothing for a connection already gone. */
    void remove(Connection con) {
        if (!connections.remove(con)) {
            return;
        }
        for (Channel ch : List.copyOf(con.channels)) {
            ch.removeMember(con, true);
        }
        unjoined.ownerGone(con);
        for (Channel ch : List.copyOf(con.invitedInto)) {
            ch.inviterGone(con);
        }
        con.invitedInto.clear();
        for (Consumer<Connection> listener : List.copyOf(disconnectListeners)) {
            ServiceGuard.run(null, null, () -> listener.accept(con));
        }
        log.debug("{} disconnected", con);
    }
}
