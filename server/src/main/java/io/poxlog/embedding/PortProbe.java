package io.poxlog.embedding;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether the transport's address and port can be listened on, tried with a plain socket at
 * once, so that a port in use is the appender's error while logback reads logback.xml, though the
 * transport itself starts a moment later. The transport still reports it, should the port be
 * taken in between.
 */
final class PortProbe {
    private PortProbe() {
    }

    /** Null when {@code address:port} can be listened on, else what is wrong. */
    static String problem(String address, int port) {
        if (port == 0) {
            return null; // any free port: nothing to be in use
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the transport's listener, so a port in TIME_WAIT is free
            s.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            return "cannot listen on " + address + ":" + port + ": " + e.getMessage();
        }
    }
}
