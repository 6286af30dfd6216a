package io.poxlog.testing.transports;

/**
 * The transports the suite runs over (issue 13): each test of {@code io.poxlog.suite} runs once
 * per constant, against one {@link TransportServer} that serves them all. Adding a transport is
 * an adapter class implementing {@link MessengerWire} over a real client of it, and one constant
 * here; the server mounts it in {@link TransportServer}.
 */
public enum Transport {
    TCP("TCPConnection", TcpWire::connect),
    WEBSOCKET("WebSocketConnection", WsWire::connect);

    /** Makes a client of the server over this transport, reading or not (see {@link MessengerWire#resumeReading}). */
    @FunctionalInterface
    interface Connector {
        MessengerWire connect(TransportServer server, boolean reading) throws Exception;
    }

    private final String connectionName;
    private final Connector connector;

    Transport(String connectionName, Connector connector) {
        this.connectionName = connectionName;
        this.connector = connector;
    }

    /** How the server names a connection of this transport to others (chat's sender, GreetBot's greeting). */
    public String connectionName() {
        return connectionName;
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
