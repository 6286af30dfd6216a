package io.poxlog.messenger.transport.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The answers of one body's calls, each filled in when its call has one (a poll's later, from
 * another thread), written as POX writes them once all are in (PROTOCOL.md §11.1): one answer, or
 * the list of a batch's in order, notifications left out unless they failed (then with
 * {@code "id": null}), and {@code ""} when nothing is left. Any thread.
 */
final class RpcBatch {
    private final String[] answers;
    private final boolean batch;
    private final Consumer<String> whenDone;
    private int missing;

    RpcBatch(int calls, boolean batch, Consumer<String> whenDone) {
        this.answers = new String[calls];
        this.batch = batch;
        this.whenDone = whenDone;
        this.missing = calls;
        if (calls == 0) {
            whenDone.accept("\"\"");
        }
    }

    /** Call {@code i} succeeded with {@code result} (its JSON); a notification's is dropped. */
    void result(int i, JsonNode id, boolean notification, byte[] result) {
        fill(i, notification ? null : "{\"result\":" + new String(result, StandardCharsets.UTF_8) + ",\"id\":"
                + idJson(id) + "}");
    }

    /** Call {@code i} failed; a notification's error is kept, with {@code "id": null}. */
    void error(int i, JsonNode id, boolean notification, int code, String message) {
        var error = Json.object();
        error.putObject("error").put("code", code).put("message", message);
        error.set("id", notification ? null : id);
        fill(i, new String(Json.encode(error), StandardCharsets.UTF_8));
    }

    /** An answer of POX's own shape, outside {@code result} (a poll of an unknown session). */
    void raw(int i, boolean notification, String json) {
        fill(i, notification ? null : json);
    }

    private static String idJson(JsonNode id) {
        return id == null ? "null" : new String(Json.encode(id), StandardCharsets.UTF_8);
    }

    private void fill(int i, String answer) {
        String body = null;
        synchronized (this) {
            if (missing == 0 || answers[i] != null) {
                return;
            }
            answers[i] = answer == null ? "" : answer;
            if (--missing > 0) {
                return;
            }
            StringBuilder b = new StringBuilder();
            int n = 0;
            for (String a : answers) {
                if (!a.isEmpty()) {
                    b.append(n++ == 0 ? "" : ",").append(a);
                }
            }
            if (n == 0) {
                body = "\"\"";
            } else {
                body = batch ? "[" + b + "]" : b.toString();
            }
        }
        whenDone.accept(body);
    }
}
