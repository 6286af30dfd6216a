package io.poxlog.messenger.transport.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.transport.http.HttpRequests;
import io.poxlog.messenger.transport.http.HttpSessions;
import io.poxlog.web.WebExchange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transport's three methods, {@code poll}, {@code send} and {@code stop} (PROTOCOL.md §11.2):
 * reads and checks each call's parameters, finds or makes its session ({@code "new!"}), and puts
 * the call's answer in its place in the body's {@link RpcBatch}. Stateless but for the sessions;
 * I/O threads.
 */
final class JsonRpcMethods {
    static final String NEW = "new!";
    /** Refused authentication of a {@code new!} session's {@code Authorization: Bearer}. */
    static final int AUTH_FAILED = -32001;
    /** A session that cannot be made (the session limits). */
    static final int NO_SESSION_MADE = -32002;
    /** The largest {@code seq}: the largest whole number a JavaScript client counts exactly (2^53 - 1). */
    static final long MAX_SEQ = (1L << 53) - 1;
    private static final List<String> POLL = List.of("session_id", "seq", "batch_size");
    private static final List<String> SEND = List.of("session_id", "msg", "seq");
    private static final List<String> STOP = List.of("session_id");

    private final HttpSessions<JsonRpcSession> sessions;
    private final JsonRpcSettings settings;
    private final boolean basic;

    JsonRpcMethods(HttpSessions<JsonRpcSession> sessions, JsonRpcSettings settings, boolean basic) {
        this.sessions = sessions;
        this.settings = settings;
        this.basic = basic;
    }

    void run(ObjectNode request, int i, RpcBatch answers, WebExchange e) {
        RpcCall call;
        try {
            call = RpcCall.of(request);
        } catch (RpcError err) {
            answers.error(i, request.get("id"), !request.has("id"), err.code, err.getMessage());
            return;
        }
        try {
            switch (call.method == null ? "" : call.method) {
                case "poll" -> poll(call, i, answers, e);
                case "send" -> send(call, i, answers, e);
                case "stop" -> stop(call, i, answers);
                default -> answers.error(i, call.id, call.notification(), RpcError.METHOD_NOT_FOUND, "Method not found");
            }
        } catch (RpcError err) {
            answers.error(i, call.id, call.notification(), err.code, err.getMessage());
        }
    }

    private void poll(RpcCall call, int i, RpcBatch answers, WebExchange e) throws RpcError {
        call.checkNames(POLL);
        String id = sessionId(call);
        Long seq = number(call, POLL, 1);
        Long size = number(call, POLL, 2);
        int max = size == null ? Integer.MAX_VALUE : (int) Math.max(1, Math.min(size, Integer.MAX_VALUE));
        Consumer<byte[]> done = result -> answers.result(i, call.id, call.notification(), result);
        withSession(id, call, i, answers, e, s -> {
            e.onAbandoned(() -> s.abandon(done));
            s.poll(seq, max, done);
        }, () -> answers.raw(i, call.notification(), "{\"messages\":[],\"failure\":\"No session\",\"id\":"
                + new String(Json.encode(call.id == null ? Json.NODES.nullNode() : call.id), StandardCharsets.UTF_8) + "}"));
    }

    private void send(RpcCall call, int i, RpcBatch answers, WebExchange e) throws RpcError {
        call.checkNames(SEND);
        String id = sessionId(call);
        JsonNode msg = call.param(SEND, 1);
        if (msg == null) {
            throw new RpcError(RpcError.INVALID_PARAMS, "send needs 'msg': a message, or a list of them");
        }
        List<JsonNode> messages = new ArrayList<>();
        if (msg.isArray()) {
            msg.forEach(messages::add);
        } else {
            messages.add(msg);
        }
        Long seq = number(call, SEND, 2);
        Consumer<byte[]> done = result -> answers.result(i, call.id, call.notification(), result);
        withSession(id, call, i, answers, e, s -> {
            try {
                s.send(seq, messages, done);
            } catch (RpcError err) {
                answers.error(i, call.id, call.notification(), err.code, err.getMessage());
            }
        }, () -> answers.error(i, call.id, call.notification(), RpcError.NO_SUCH_SESSION, "No such session"));
    }

    private void stop(RpcCall call, int i, RpcBatch answers) throws RpcError {
        call.checkNames(STOP);
        JsonRpcSession s = sessions.find(sessionId(call));
        if (s != null) {
            s.close();
        }
        answers.result(i, call.id, call.notification(), "true".getBytes(StandardCharsets.US_ASCII));
    }

    /** Runs {@code then} with the session {@code id} names, made first for {@code "new!"}, or {@code unknown}. */
    private void withSession(String id, RpcCall call, int i, RpcBatch answers, WebExchange e,
                             Consumer<JsonRpcSession> then, Runnable unknown) {
        if (!id.equals(NEW)) {
            JsonRpcSession s = sessions.find(id);
            if (s == null) {
                unknown.run();
            } else {
                then.accept(s);
            }
            return;
        }
        InetAddress address = e.request().remoteAddress() == null ? null : e.request().remoteAddress().getAddress();
        JsonRpcSession s;
        try {
            s = sessions.open(address, n -> new JsonRpcSession(sessions, n, settings.maxHeldMessages(),
                    HttpRequests.pollWait(settings.sessions().pollTimeout(), e), settings.startHold()));
        } catch (HttpSessions.RefusedException refused) {
            answers.error(i, call.id, call.notification(), NO_SESSION_MADE, refused.getMessage());
            return;
        }
        String token = basic ? null : HttpRequests.bearer(e.request());
        if (token == null) {
            then.accept(s);
            return;
        }
        s.authenticate(token, ok -> {
            if (ok) {
                then.accept(s);
            } else {
                s.close();
                answers.error(i, call.id, call.notification(), AUTH_FAILED,
                        "the token of Authorization: Bearer was refused; no session was made");
            }
        });
    }

    private static String sessionId(RpcCall call) throws RpcError {
        JsonNode v = call.param(call.method.equals("stop") ? STOP : call.method.equals("poll") ? POLL : SEND, 0);
        if (v == null || !v.isTextual()) {
            throw new RpcError(RpcError.INVALID_PARAMS, call.method + " needs 'session_id': a session's key, or \""
                    + NEW + "\" for a new one, not " + (v == null ? "none" : Json.preview(v)));
        }
        return v.asText();
    }

    /** A whole number parameter, at least 0 for {@code seq}; null when absent. */
    private static Long number(RpcCall call, List<String> names, int index) throws RpcError {
        JsonNode v = call.param(names, index);
        if (v == null) {
            return null;
        }
        boolean isSeq = names.get(index).equals("seq");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || (isSeq && (v.asLong() < 0 || v.asLong() > MAX_SEQ))) {
            throw new RpcError(RpcError.INVALID_PARAMS, call.method + "'s '" + names.get(index) + "' must be a whole "
                    + "number" + (isSeq ? " from 0 to " + MAX_SEQ : "") + ", not " + Json.preview(v));
        }
        return v.asLong();
    }
}
