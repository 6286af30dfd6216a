package io.poxlog.testing.transports;

/**
 * The transports the suite runs over (issue 13): each test of {@code io.poxlog.suite} runs once
 * per constant, against one {@link TransportServer} that serves them all. Adding a transport is
 * an adapter class implementing {@link MessengerWire} over a real client of it, and one constant
 * here; the server mounts it in {@link TransportServer}.
 */
public enum Transport {
    TCP("TCPConnection 127\\.0\\.0\\.1:\\d+/127\\.0\\.0\\.1:\\d+", TcpWire::connect),
    WEBSOCKET("WebSocketConnection 127\\.0\\.0\\.1:\\d+/127\\.0\\.0\\.1:\\d+", WsWire::connect),
    /** WebSocket with subprotocol poxlog-jsonl: the server's frames hold lines, several messages each (PROTOCOL.md §12). */
    WEBSOCKET_LINES("WebSocketConnection 127\\.0\\.0\\.1:\\d+/127\\.0\\.0\\.1:\\d+", WsWire::connectLines),
    /** A session names no address: it is not one connection (HttpSession). */
    COMET("HTTPConnection #\\d+", HttpWire::comet),
    JSON_RPC("JSONRPCConnection #\\d+", HttpWire::jsonRpc);

    /** Makes a client of the server over this transport, reading or not (see {@link MessengerWire#resumeReading}). */
    @FunctionalInterface
    interface Connector {
        MessengerWire connect(TransportServer server, boolean reading) throws Exception;
    }

    private final String connectionPattern;
    private final Connector connector;

    Transport(String connectionPattern, Connector connector) {
        this.connectionPattern = connectionPattern;
        this.connector = connector;
    }

    /**
     * A regular expression for how the server names a connection of this transport to others
     * (chat's sender, GreetBot's greeting): a socket's names its addresses, a session's its number.
     */
    public String connectionPattern() {
        return connectionPattern;
    }

    /** A client that has not read its welcome yet. */
    public MessengerWire connect(TransportServer server) throws Exception {
        return connector.connect(server, true);
    }

    /** A client that reads its welcome and then nothing until {@link MessengerWire#resumeReading}. */
    public MessengerWire connectStalled(TransportServer server) throws Exception {
        return connector.connect(server, false);
    }
}
