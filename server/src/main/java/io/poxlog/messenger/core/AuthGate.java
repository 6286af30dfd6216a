package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication handshake (README.md, "Running it safely"): with tokens configured, a
 * connection's first message must be {@code {"CHANNEL":"","cmd":"auth","token":"…"}}. Until it
 * succeeds, every other message is refused with an error; after {@link #MAX_FAILURES} refusals
 * the connection is closed. {@code auth} is also accepted later, to change role.
 *
 * <p>The token is never logged nor echoed: errors say only that it was wrong. Nexus thread only.
 */
final class AuthGate {
    private static final Logger log = LoggerFactory.getLogger("messenger");
    static final int MAX_FAILURES = 3;
    static final String HOW = "send {\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"<your token>\"} first";

    private final Nexus nexus;
    private volatile AccessTokens tokens;

    AuthGate(Nexus nexus) {
        this.nexus = nexus;
    }

    void setTokens(AccessTokens tokens) {
        this.tokens = tokens;
    }

    boolean required() {
        return tokens != null;
    }

    /** The role a new connection starts with: everything without tokens, nothing with them. */
    Role initialRole(Connection con) {
        // A messenger we dialled was chosen by this operator; it is not asked for a token.
        return tokens == null || con.dialled() ? Role.ADMIN : null;
    }

    /**
     * Handles {@code message} if it is an {@code auth} command, or refuses it if the connection
     * has not authenticated. Returns true when the message may be routed on.
     */
    boolean admit(Connection con, ObjectNode message) {
        if (isAuth(message)) {
            authenticate(con, message);
            return false;
        }
        if (con.authenticated()) {
            return true;
        }
        fail(con, message, "authentication required: " + HOW);
        return false;
    }

    private void authenticate(Connection con, ObjectNode message) {
        AccessTokens t = tokens;
        JsonNode token = message.get("token");
        if (token == null || !token.isTextual()) {
            fail(con, message, "'auth' needs 'token', a string");
            return;
        }
        Role role = t == null ? Role.ADMIN : t.roleOf(token.asText());
        if (role == null) {
            log.info("{} presented an unknown token", con);
            fail(con, message, "authentication failed: unknown token");
            return;
        }
        con.setRole(role);
        con.authFailures = 0;
        log.debug("{} authenticated as {}", con, role.wireName());
        ObjectNode reply = Json.object();
        reply.put("CHANNEL", Nexus.DEFAULT_CHANNEL);
        reply.put("cmd", "authenticated");
        reply.put("role", role.wireName());
        if (message.has("XID")) {
            reply.set("XID", message.get("XID"));
        }
        con.send(reply);
    }

    private void fail(Connection con, ObjectNode message, String text) {
        if (con.authFailures >= MAX_FAILURES) {
            return; // already told and closing; these messages were on their way
        }
        con.authFailures++;
        if (con.authFailures >= MAX_FAILURES) {
            log.info("{} failed to authenticate {} times; closing it", con, con.authFailures);
            con.sendAndClose(ErrorMessages.of(message, Nexus.channelText(message),
                    text + "; " + MAX_FAILURES + " failures, closing the connection"));
        } else {
            nexus.sendError(con, message, Nexus.channelText(message),
                    text + " (failure " + con.authFailures + " of " + MAX_FAILURES + ")");
        }
    }

    private static boolean isAuth(ObjectNode message) {
        JsonNode ch = message.get("CHANNEL");
        boolean toDefault = ch == null || ch.isNull() || ch.isTextual() && ch.asText().isEmpty();
        return toDefault && "auth".equals(Json.text(message, "cmd"));
    }
}
