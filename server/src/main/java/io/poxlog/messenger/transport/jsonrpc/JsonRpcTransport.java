package io.poxlog.messenger.transport.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.http.BasicAuth;
import io.poxlog.messenger.transport.http.HttpMount;
import io.poxlog.messenger.transport.http.HttpRequests;
import io.poxlog.messenger.transport.http.HttpSessions;
import io.poxlog.web.WebExchange;
import io.poxlog.web.WebRequest;
import io.poxlog.web.WebResponse;
import io.poxlog.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code messenger.ajax_transport}: POX's JSON-RPC transport at {@link #PATH} (PROTOCOL.md §11),
 * the one POXDesk speaks, mounted on a {@link WebServer}. Checks what every request must pass
 * (Basic credentials when configured, the Origin, no token in the URL), reads the body as one call
 * or a batch, runs each ({@link JsonRpcMethods}) and answers when all have their answer (a
 * {@code poll} may wait), as POX writes answers: {@code 200}, the JSON and a newline.
 *
 * <p>{@link #mountOn} and {@link #stop} from any thread; requests come on the web server's I/O
 * threads.
 */
public final class JsonRpcTransport {
    public static final String LOGGER = "messenger.ajax_transport";
    public static final String PATH = "/_jrpcmsg/";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final HttpSessions<JsonRpcSession> sessions;
    private final JsonRpcMethods methods;
    private final HttpMount mount;

    public JsonRpcTransport(Nexus nexus, JsonRpcSettings settings) {
        BasicAuth basic = settings.username() == null ? null
                : new BasicAuth(settings.username(), settings.password(), "JSONRPC");
        this.sessions = new HttpSessions<>(nexus, settings.sessions(), log, "ajax_transport-timer");
        this.methods = new JsonRpcMethods(sessions, settings, basic != null);
        this.mount = new HttpMount(PATH, basic, sessions);
    }

    public JsonRpcTransport mountOn(WebServer web) {
        mount.mountOn(web, this::handle);
        return this;
    }

    public int openSessions() {
        return sessions.open();
    }

    /** Polls waiting for messages now, one at most per session. */
    public int waitingPolls() {
        return (int) sessions.all().stream().filter(JsonRpcSession::polling).count();
    }

    /** Unmounts and closes every session (a poll waiting is answered {@code quit}). Safe twice. */
    public void stop() {
        mount.stop();
    }

    private void handle(WebExchange e) {
        WebRequest r = e.request();
        if (!r.method().equals("POST")) {
            if (HttpRequests.mayChangeState(e)) {
                e.respond(WebResponse.error(405, PATH + " takes JSON-RPC calls by POST, not " + r.method())
                        .withHeader("Allow", "POST"));
            }
            return;
        }
        if (!HttpRequests.mayChangeState(e) || HttpRequests.tokenInUrl(e)) {
            return;
        }
        JsonNode body;
        try {
            body = HttpRequests.parse(r);
        } catch (HttpRequests.BadBodyException bad) {
            // POX's answer, and no id
            answer(e, "{\"error\":{\"code\":" + RpcError.PARSE_ERROR + ",\"message\":\"Parse error\"}}");
            return;
        }
        List<JsonNode> requests = new ArrayList<>();
        boolean batch = body.isArray();
        if (batch) {
            body.forEach(requests::add);
        } else {
            requests.add(body);
        }
        RpcBatch answers = new RpcBatch(requests.size(), batch, text -> answer(e, text));
        boolean polled = false;
        for (int i = 0; i < requests.size(); i++) {
            JsonNode q = requests.get(i);
            if (!(q instanceof ObjectNode call)) {
                answers.error(i, null, true, RpcError.INVALID_REQUEST, "Invalid Request");
                continue;
            }
            boolean isPoll = "poll".equals(call.path("method").asText(null));
            if (isPoll && polled) {
                answers.error(i, call.get("id"), !call.has("id"), RpcError.INVALID_REQUEST,
                        "Invalid Request: a batch may hold one poll; this is another");
                continue;
            }
            polled |= isPoll;
            methods.run(call, i, answers, e);
        }
    }

    private static void answer(WebExchange e, String json) {
        e.respond(WebResponse.of(200, WebResponse.JSON, (json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withHeader("Cache-Control", "no-store"));
    }
}
