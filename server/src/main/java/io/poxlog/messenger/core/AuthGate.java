package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication handshake (README.md, "Running it safely"): with tokens configured, a
 * connection's first message must be {@code {"CHANNEL":"","cmd":"auth","token":"…"}}. Until it
 * succeeds, every other message is refused with an error; after {@link #MAX_FAILURES} refusals
 * the connection is closed. {@code auth} is also accepted later, to change role; refusals count
 * over the connection's whole life, so a valid token between guesses buys no more guesses.
 *
 * <p>Wrong tokens also count against the connection's source address ({@link AuthThrottle}):
 * past its budget, the address's attempts are refused without checking the token until its
 * backoff ends, whichever connection they come on. Wrong tokens and refused attempts are logged
 * as summaries ({@link IncidentSummary}), never one record each, so that guessing cannot flood
 * the log.
 *
 * <p>The token is never logged nor echoed: errors say only that it was wrong. Nexus thread only
 * (the summaries log from their timer).
 */
final class AuthGate {
    private static final Logger log = LoggerFactory.getLogger("messenger");
    static final int MAX_FAILURES = 3;
    static final String HOW = "send {\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"<your token>\"} first";

    private final Nexus nexus;
    private volatile AccessTokens tokens;
    private AuthThrottle throttle = new AuthThrottle(AuthLimits.DEFAULTS);
    private final IncidentSummary unknownTokens = new IncidentSummary("unknown tokens presented",
            IncidentSummary.DEFAULT_INTERVAL, log::info);
    private final IncidentSummary backedOff = new IncidentSummary("authentication attempts refused unchecked during "
            + "their address's backoff", IncidentSummary.DEFAULT_INTERVAL, log::info);

    AuthGate(Nexus nexus) {
        this.nexus = nexus;
    }

    void setTokens(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** Any thread: takes effect on the nexus thread, forgetting the failures counted so far. */
    void setLimits(AuthLimits limits) {
        nexus.execute(() -> throttle = new AuthThrottle(limits));
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
        if (isOnDefaultChannel(message) && "welcome".equals(Json.text(message, "cmd"))) {
            // A messenger dialling us welcomes us before its token can follow (POX's does, and ours):
            // it only tells its session id, and costs it no failure.
            return true;
        }
        fail(con, message, "authentication required: " + HOW);
        return false;
    }

    private void authenticate(Connection con, ObjectNode message) {
        JsonNode token = message.get("token");
        if (token == null || !token.isTextual()) {
            fail(con, message, "'auth' needs 'token', a string");
            return;
        }
        TokenCheck check = check(con.remoteAddress(), token.asText(), con.toString());
        if (!check.accepted()) {
            fail(con, message, check.refusal());
            return;
        }
        grant(con, check.grant());
        con.send(authenticated(check.grant().role(), message.get("XID")));
    }

    /**
     * Checks {@code token} from {@code from} (null: unknown) as an {@code auth} message's: refused
     * unchecked during the address's backoff, a wrong one counted against it and summarized as
     * {@code who}'s. Without tokens configured every token is the admin's.
     */
    TokenCheck check(java.net.InetAddress from, String token, String who) {
        AccessTokens t = tokens;
        if (t == null) {
            return new TokenCheck(new AccessTokens.Grant(Role.ADMIN, null), null);
        }
        String address = SourceAddresses.key(from);
        long wait = address == null ? 0 : throttle.waitMillis(address);
        if (wait > 0) {
            int failures = throttle.failures(address);
            backedOff.report(address, () -> "Refused authentication from " + address + " without checking the token: "
                    + failures + " wrong tokens from it, the next is checked in " + seconds(wait) + " s");
            return new TokenCheck(null, "authentication refused without checking the token: too many wrong tokens from "
                    + address + "; retry in " + seconds(wait) + " s");
        }
        AccessTokens.Grant grant = t.grantOf(token);
        if (grant == null || grant.role() == null) {
            unknownTokens.report(address, () -> who + " presented an unknown token");
            long backoff = address == null ? 0 : throttle.failed(address);
            return new TokenCheck(null, "authentication failed: unknown token" + (backoff == 0 ? ""
                    : "; too many from " + address + ": its next attempt is checked in " + seconds(backoff) + " s"));
        }
        return new TokenCheck(grant, null);
    }

    /** Gives {@code con} what {@code grant} allows. */
    void grant(Connection con, AccessTokens.Grant grant) {
        con.setRole(grant.role());
        con.setTokenName(grant.name());
        log.debug("{} authenticated as {}", con, grant.role().wireName());
    }

    /** {@code {"CHANNEL": "", "cmd": "authenticated", "role": …}}, with {@code xid} when not null. */
    static ObjectNode authenticated(Role role, JsonNode xid) {
        ObjectNode reply = Json.object();
        reply.put("CHANNEL", Nexus.DEFAULT_CHANNEL);
        reply.put("cmd", "authenticated");
        reply.put("role", role.wireName());
        if (xid != null) {
            reply.set("XID", xid);
        }
        return reply;
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    private void fail(Connection con, ObjectNode message, String text) {
        if (con.authFailures >= MAX_FAILURES) {
            return; // already told and closing; these messages were on their way
        }
        con.authFailures++;
        if (con.authFailures >= MAX_FAILURES) {
            // Debug only: the wrong tokens behind it are summarized; one record per connection would not be.
            log.debug("{} failed to authenticate {} times; closing it", con, con.authFailures);
            con.sendAndClose(ErrorMessages.of(message, ErrorMessages.channelText(message),
                    text + "; " + MAX_FAILURES + " failures, closing the connection"));
        } else {
            nexus.sendError(con, message, ErrorMessages.channelText(message),
                    text + " (failure " + con.authFailures + " of " + MAX_FAILURES + ")");
        }
    }

    private static boolean isAuth(ObjectNode message) {
        return isOnDefaultChannel(message) && "auth".equals(Json.text(message, "cmd"));
    }

    private static boolean isOnDefaultChannel(ObjectNode message) {
        JsonNode ch = message.get("CHANNEL");
        return ch == null || ch.isNull() || ch.isTextual() && ch.asText().isEmpty();
    }
}
