package io.poxlog.messenger.transport.comet;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.http.BasicAuth;
import io.poxlog.messenger.transport.http.HttpMount;
import io.poxlog.messenger.transport.http.HttpRequests;
import io.poxlog.messenger.transport.http.HttpSessions;
import io.poxlog.web.WebExchange;
import io.poxlog.web.WebRequest;
import io.poxlog.web.WebResponse;
import io.poxlog.web.WebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code messenger.web_transport}: POX's comet (long-polling) transport at {@link #PATH}
 * (PROTOCOL.md §10), mounted on a {@link WebServer}. Finds the request's session (the
 * {@code X-POX-Messenger-Session-Key} header, else the path's last segment; {@code new} makes
 * one), checks what every request must pass (Basic credentials when configured, the Origin of a
 * request that changes anything, no token in the URL), reads a POST's body, and hands the rest to
 * the {@link CometSession}. Every refusal is a status and a JSON error.
 *
 * <p>{@link #mountOn} and {@link #stop} from any thread; requests come on the web server's I/O
 * threads.
 */
public final class CometTransport {
    public static final String LOGGER = "messenger.web_transport";
    public static final String PATH = "/_webmsg/";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Nexus nexus;
    private final CometSettings settings;
    private final BasicAuth basic;
    private final CometAnswers answers;
    private final HttpSessions<CometSession> sessions;
    private final HttpMount mount;

    public CometTransport(Nexus nexus, CometSettings settings) {
        this.nexus = nexus;
        this.settings = settings;
        this.basic = settings.username() == null ? null : new BasicAuth(settings.username(), settings.password(), "POX");
        this.answers = new CometAnswers(basic == null ? null : basic.challenge());
        this.sessions = new HttpSessions<>(nexus, settings.sessions(), log, "web_transport-timer");
        this.mount = new HttpMount(PATH, basic, sessions);
    }

    public CometTransport mountOn(WebServer web) {
        mount.mountOn(web, this::handle);
        // a page of --allowed_origins may name its session in the header, read each answer's number,
        // and say on its GET the last one it received (§10.4's lost answers)
        web.allowCrossOriginHeaders(List.of(CometAnswers.KEY_HEADER, CometAnswers.SEQUENCE_HEADER),
                List.of(CometAnswers.SEQUENCE_HEADER));
        return this;
    }

    /** Sessions open now. */
    public int openSessions() {
        return sessions.open();
    }

    /** GETs waiting for messages now, one at most per session. */
    public int waitingGets() {
        return (int) sessions.all().stream().filter(CometSession::waiting).count();
    }

    /** Sessions with an answer whose write failed, which their next GET is sent again (PROTOCOL.md §10.4). */
    public int lostAnswers() {
        return (int) sessions.all().stream().filter(CometSession::lostAnswer).count();
    }

    /** Unmounts and closes every session (a GET waiting is answered as POX does). Safe twice. */
    public void stop() {
        mount.stop();
    }

    private void handle(WebExchange e) {
        WebRequest r = e.request();
        String method = r.method();
        if (!method.equals("GET") && !method.equals("POST")) {
            if (HttpRequests.mayChangeState(e)) {
                e.respond(answers.error(405, PATH + " takes GET and POST, not " + method).withHeader("Allow", "GET, POST"));
            }
            return;
        }
        if (HttpRequests.tokenInUrl(e)) {
            return;
        }
        String key = key(e);
        if (key.isEmpty()) {
            e.respond(answers.error(404, "no session named: the session key is the last part of the path ("
                    + PATH + "<key>), or " + CometAnswers.KEY_HEADER + "; " + PATH + "new makes one"));
            return;
        }
        boolean isNew = key.equals("new");
        if (method.equals("GET")) {
            Integer confirmed;
            try {
                confirmed = sequenceHeader(r);
            } catch (IllegalArgumentException bad) {
                e.respond(answers.error(400, bad.getMessage()));
                return;
            }
            if (isNew) {
                if (HttpRequests.mayChangeState(e)) {
                    open(e, s -> s.get(e, null));
                }
            } else {
                CometSession s = find(e, key);
                if (s != null) {
                    s.get(e, confirmed);
                }
            }
            return;
        }
        if (!HttpRequests.mayChangeState(e)) {
            return;
        }
        Post post;
        try {
            post = Post.parse(r);
        } catch (HttpRequests.BadBodyException bad) {
            e.respond(answers.error(400, bad.getMessage()));
            return;
        }
        if (isNew) {
            open(e, s -> s.post(e, post.seq(), post.data()));
        } else {
            CometSession s = find(e, key);
            if (s != null) {
                s.post(e, post.seq(), post.data());
            }
        }
    }

    private static String key(WebExchange e) {
        String header = e.request().header(CometAnswers.KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String sub = e.subpath();
        return sub.substring(sub.lastIndexOf('/') + 1);
    }

    private CometSession find(WebExchange e, String key) {
        CometSession s = sessions.find(key);
        if (s == null) {
            e.respond(answers.error(404, "no session " + (key.length() > 4 ? key.substring(0, 4) + "..." : key)
                    + ": it never was, or it has closed (POST " + PATH + "new makes one)"));
        }
        return s;
    }

    private void open(WebExchange e, Consumer<CometSession> then) {
        InetAddress address = e.request().remoteAddress() == null ? null : e.request().remoteAddress().getAddress();
        CometSession s;
        try {
            s = sessions.open(address, n -> new CometSession(sessions, n, answers, settings,
                    HttpRequests.pollWait(settings.sessions().pollTimeout(), e)));
        } catch (HttpSessions.RefusedException refused) {
            e.respond(answers.error(refused.status(), refused.getMessage()).withHeader("Retry-After", "5"));
            return;
        }
        String token = basic == null ? HttpRequests.bearer(e.request()) : null;
        if (token == null) {
            then.accept(s);
            return;
        }
        s.authenticate(token, ok -> {
            if (ok) {
                then.accept(s);
            } else {
                s.close();
                e.respond(answers.error(401, "the token of Authorization: Bearer was refused; no session was made")
                        .withHeader("WWW-Authenticate", "Bearer"));
            }
        });
    }

    private static Integer sequenceHeader(WebRequest r) {
        String h = r.header(CometAnswers.SEQUENCE_HEADER);
        if (h == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(h.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(CometAnswers.SEQUENCE_HEADER + " must be the number of the last answer "
                    + "received, 0 to " + CometSession.MAX_SEQ + ", not '" + (h.length() > 20 ? h.substring(0, 20) : h) + "'");
        }
    }

    /** A POST's body, checked (PROTOCOL.md §10.2). */
    private record Post(Integer seq, List<JsonNode> data) {
        static Post parse(WebRequest r) throws HttpRequests.BadBodyException {
            JsonNode body = HttpRequests.parse(r);
            if (!body.isObject()) {
                throw new HttpRequests.BadBodyException("the body must be a JSON object {\"seq\": n, \"data\": [...]}, "
                        + "not " + body.getNodeType().toString().toLowerCase());
            }
            if (!body.has("data")) {
                throw new HttpRequests.BadBodyException("the body has no 'data': a list of messages, or null for a poke");
            }
            JsonNode d = body.get("data");
            List<JsonNode> data = null;
            if (d.isArray()) {
                data = new ArrayList<>(d.size());
                d.forEach(data::add);
            } else if (!d.isNull()) {
                throw new HttpRequests.BadBodyException("'data' must be a list of messages, or null for a poke, not "
                        + d.getNodeType().toString().toLowerCase());
            }
            JsonNode s = body.get("seq");
            if (s == null || s.isNull()) {
                if (data != null) {
                    throw new HttpRequests.BadBodyException("messages need a 'seq': one more than the last POST's");
                }
                return new Post(null, null);
            }
            return new Post(seq(s), data);
        }

        private static int seq(JsonNode s) throws HttpRequests.BadBodyException {
            long n;
            if (s.isIntegralNumber() && s.canConvertToLong()) {
                n = s.asLong();
            } else if (s.isTextual() && s.asText().strip().matches("[0-9]{1,10}")) {
                n = Long.parseLong(s.asText().strip());
            } else {
                throw new HttpRequests.BadBodyException("'seq' must be a whole number (or a string of digits), not "
                        + io.poxlog.messenger.core.Json.preview(s));
            }
            if (n < 0 || n > CometSession.MAX_SEQ) {
                throw new HttpRequests.BadBodyException("'seq' must be 0 to " + CometSession.MAX_SEQ + ", not " + n);
            }
            return (int) n;
        }
    }
}
