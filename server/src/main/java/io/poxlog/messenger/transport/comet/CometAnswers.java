package io.poxlog.messenger.transport.comet;

import io.poxlog.messenger.core.Json;
import io.poxlog.web.WebResponse;
import java.nio.charset.StandardCharsets;

/**
 * The comet transport's answers, written exactly as POX writes them (PROTOCOL.md §10): no spaces
 * in the envelope, {@code X-POX-Messenger-Sequence-Number} beside it, and while Basic
 * authentication is on, POX's {@code WWW-Authenticate} on every one. Immutable; any thread.
 */
final class CometAnswers {
    static final String SEQUENCE_HEADER = "X-POX-Messenger-Sequence-Number";
    static final String KEY_HEADER = "X-POX-Messenger-Session-Key";

    private final String challenge;

    /** {@code challenge}: the Basic challenge every answer carries, or null. */
    CometAnswers(String challenge) {
        this.challenge = challenge;
    }

    WebResponse finish(WebResponse r) {
        r = r.withHeader("Cache-Control", "no-store");
        return challenge == null ? r : r.withHeader("WWW-Authenticate", challenge);
    }

    /** A POST taken, and a GET waiting when its session closed: {@code {"seq":-1,"ses":"<key>"}}. */
    WebResponse ok(String key) {
        return finish(WebResponse.of(200, WebResponse.JSON, ("{\"seq\":-1,\"ses\":\"" + key + "\"}")
                .getBytes(StandardCharsets.US_ASCII)).withHeader(SEQUENCE_HEADER, "-1"));
    }

    /** {@code body} is the whole JSON of a batch. */
    WebResponse batch(int n, byte[] body) {
        return finish(WebResponse.of(200, WebResponse.JSON, body).withHeader(SEQUENCE_HEADER, Integer.toString(n)));
    }

    static byte[] batchHead(int n, String key) {
        return ("{\"seq\":" + n + ",\"ses\":\"" + key + "\",\"data\":[").getBytes(StandardCharsets.US_ASCII);
    }

    /** POX's {@code 400 Bad sequence number}, with our reason in the body. */
    WebResponse badSequence(String key, String why) {
        var body = Json.object().put("seq", -1).put("ses", key).put("error", why);
        return finish(WebResponse.json(400, body).withReason("Bad sequence number").withHeader(SEQUENCE_HEADER, "-1"));
    }

    WebResponse error(int status, String why) {
        return finish(WebResponse.error(status, why));
    }
}
