package io.poxlog.messenger.transport.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Json;
import java.util.List;

/**
 * One JSON-RPC request of a body (POX's 1.0-like dialect, PROTOCOL.md §11.1): its method, its
 * parameters by position ({@code params} a list) or by name ({@code params} an object, and
 * {@code kwparams}), and its {@code id}, absent for a notification. Immutable.
 */
final class RpcCall {
    final String method;
    final JsonNode id; // null: a notification
    private final JsonNode positional;
    private final ObjectNode named;

    private RpcCall(String method, JsonNode id, JsonNode positional, ObjectNode named) {
        this.method = method;
        this.id = id;
        this.positional = positional;
        this.named = named;
    }

    /** @throws RpcError -32601 for a missing method; the id is known before */
    static RpcCall of(ObjectNode request) throws RpcError {
        JsonNode id = request.get("id");
        JsonNode m = request.get("method");
        JsonNode params = request.get("params");
        ObjectNode named = Json.object();
        JsonNode positional = null;
        if (params != null && params.isObject()) {
            named.setAll((ObjectNode) params);
        } else if (params != null && params.isArray()) {
            positional = params;
        } else if (params != null && !params.isNull()) {
            return new RpcCall(null, id, null, null); // answered as invalid params
        }
        JsonNode kw = request.get("kwparams");
        if (kw != null && kw.isObject()) {
            named.setAll((ObjectNode) kw);
        }
        return new RpcCall(m != null && m.isTextual() ? m.asText() : null, id, positional, named);
    }

    boolean notification() {
        return id == null;
    }

    /**
     * Parameter {@code index} of the method's list {@code names}, by position or by name; null
     * when absent (or JSON null).
     */
    JsonNode param(List<String> names, int index) throws RpcError {
        if (named == null) {
            throw new RpcError(RpcError.INVALID_PARAMS, "'params' must be a list or an object");
        }
        if (positional != null && positional.size() > names.size()) {
            throw new RpcError(RpcError.INVALID_PARAMS, method + " takes at most " + names.size() + " parameters ("
                    + String.join(", ", names) + "), not " + positional.size());
        }
        JsonNode byPosition = positional != null && index < positional.size() ? positional.get(index) : null;
        JsonNode byName = named.get(names.get(index));
        if (byPosition != null && byName != null) {
            throw new RpcError(RpcError.INVALID_PARAMS, method + "'s '" + names.get(index) + "' is given twice");
        }
        JsonNode v = byPosition != null ? byPosition : byName;
        return v == null || v.isNull() ? null : v;
    }

    /** Named parameters this method does not take. */
    void checkNames(List<String> names) throws RpcError {
        if (named == null) {
            throw new RpcError(RpcError.INVALID_PARAMS, "'params' must be a list or an object");
        }
        for (var it = named.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!names.contains(n)) {
                throw new RpcError(RpcError.INVALID_PARAMS, method + " has no parameter '" + (n.length() > 40
                        ? n.substring(0, 40) + "..." : n) + "'; it takes " + String.join(", ", names));
            }
        }
    }
}
