package io.poxlog.messenger.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.poxlog.messenger.core.Json;
import io.poxlog.web.WebExchange;
import io.poxlog.web.WebRequest;
import io.poxlog.web.WebResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** What both HTTP transports check in a request before its session sees it. Stateless; any thread. */
public final class HttpRequests {
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private HttpRequests() {
    }

    /** The body as one JSON value (nothing after it); throws with the parser's words, cut short. */
    public static JsonNode parse(WebRequest r) throws BadBodyException {
        if (r.bodyLength() == 0) {
            throw new BadBodyException("the body is empty; it must be JSON");
        }
        try {
            return STRICT.readTree(r.body());
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw new BadBodyException("the body is not JSON: " + (m.length() > 160 ? m.substring(0, 157) + "..." : m));
        } catch (IOException e) {
            throw new BadBodyException("the body cannot be read: " + e.getMessage());
        }
    }

    /** A body that is not what the path takes. */
    public static final class BadBodyException extends Exception {
        public BadBodyException(String message) {
            super(message);
        }
    }

    /**
     * Whether a browser page may change state with this request (PROTOCOL.md §9.2): its
     * {@code Origin}, or, without one, its {@code Sec-Fetch-Site}, says it is this server's own
     * page (or one of {@code --allowed_origins}), or it is not from a browser at all. When not, it
     * has been answered 403.
     */
    public static boolean mayChangeState(WebExchange e) {
        if (!e.checkOrigin()) {
            return false;
        }
        if (e.request().header("Origin") == null) {
            String site = e.request().header("Sec-Fetch-Site");
            String s = site == null ? "" : site.strip().toLowerCase(Locale.ROOT);
            if (s.equals("cross-site") || s.equals("same-site")) {
                e.respond(WebResponse.error(403, "a request from another site (Sec-Fetch-Site: " + s
                        + ") may not change anything here"));
                return false;
            }
        }
        return true;
    }

    /** The wait of a request for messages with nothing to send: {@code wanted}, within the time the web server lets it hold. */
    public static Duration pollWait(Duration wanted, WebExchange e) {
        Duration most = e.maxHold().minusSeconds(1);
        if (most.compareTo(Duration.ofMillis(100)) < 0) {
            most = e.maxHold().dividedBy(2);
        }
        return wanted.compareTo(most) > 0 ? most : wanted;
    }

    /** Refuses (400) a URL that names a token: it would end up in logs (PROTOCOL.md §9.3). */
    public static boolean tokenInUrl(WebExchange e) {
        if (e.request().parameters().containsKey("token")) {
            e.respond(WebResponse.error(400, "a token is never taken from a URL (it would end up in logs): send "
                    + "it in an Authorization: Bearer header on the request that makes the session, or in the "
                    + "first message, {\"CHANNEL\": \"\", \"cmd\": \"auth\", \"token\": \"...\"}"));
            return true;
        }
        return false;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(WebRequest r) {
        String h = r.header("Authorization");
        if (h == null) {
            return null;
        }
        String v = h.strip();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : null;
    }
}
