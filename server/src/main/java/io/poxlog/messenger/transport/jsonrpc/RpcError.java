package io.poxlog.messenger.transport.jsonrpc;

/** A call that fails with a JSON-RPC error: POX's codes (PROTOCOL.md §11.1). */
final class RpcError extends Exception {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int NO_SUCH_SESSION = -32000;

    final int code;

    RpcError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
