package io.poxlog.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.Objects;

/**
 * Real failures for the demo's ERROR records. Each method runs a short call chain that really
 * throws (several times from inside the JDK itself), catches it where a controller would, and
 * returns it, so the stack traces a viewer shows have real frames, line numbers and causes
 * rather than a hand-made {@code new Exception()}.
 *
 * <p>Not for: anything outside the demo. Stateless; called by the {@code demo-controller}
 * thread, rarely (an exception costs a stack walk, which is fine at the demo's error rate).
 */
final class SimulatedFaults {
    private SimulatedFaults() {
    }

    /** The switch reset its TCP connection while the controller was reading a message. */
    static Exception connectionReset(String connection) {
        try {
            OpenFlowSocket.readMessage(connection);
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("readMessage always fails");
    }

    /** A packet-in whose frame is shorter than an Ethernet header; the cause is the JDK's. */
    static Exception truncatedFrame(int length) {
        try {
            PacketParser.parse(new byte[length]);
        } catch (IllegalStateException e) {
            return e;
        }
        throw new AssertionError("parse always fails on a short frame");
    }

    /** A REST request naming a switch by a malformed DPID; the cause is Long.parseLong's. */
    static Exception badDpidInRequest(String path, String dpid) {
        try {
            WebRouter.handle(path, dpid);
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("handle always fails on a malformed dpid");
    }

    /** The host table lost an entry between lookup and use: a NullPointerException. */
    static Exception missingHostEntry(String mac) {
        try {
            HostTable.refresh(mac);
        } catch (NullPointerException e) {
            return e;
        }
        throw new AssertionError("refresh always fails on an empty table");
    }

    /** A flow_mod sent on a connection the switch had already closed. */
    static Exception flowModOnClosedConnection(String connection) {
        try {
            FlowInstaller.install(connection);
        } catch (UncheckedIOException e) {
            return e;
        }
        throw new AssertionError("install always fails on a closed connection");
    }

    // The nested classes below exist for their frames: they make the traces read like a
    // controller's own code rather than like one helper method.

    private static final class OpenFlowSocket {
        static void readMessage(String connection) throws IOException {
            readHeader(connection);
        }

        private static void readHeader(String connection) throws IOException {
            fill(connection, 8);
        }

        private static void fill(String connection, int wanted) throws IOException {
            throw new SocketException("Connection reset (" + connection + ", wanted " + wanted + " bytes)");
        }
    }

    private static final class PacketParser {
        static void parse(byte[] frame) {
            try {
                parseEthernet(ByteBuffer.wrap(frame));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "(ethernet) packet data too short to parse header: data len " + frame.length, e);
            }
        }

        private static void parseEthernet(ByteBuffer buf) {
            byte[] dst = new byte[6];
            byte[] src = new byte[6];
            buf.get(dst).get(src);
            buf.getShort(); // ethertype: the read that underflows
        }
    }

    private static final class WebRouter {
        static void handle(String path, String dpid) {
            try {
                route(dpid);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad DPID in request " + path, e);
            }
        }

        private static void route(String dpid) {
            parseDpid(dpid);
        }

        private static long parseDpid(String dpid) {
            return Long.parseLong(dpid.replace("-", ""), 16);
        }
    }

    private static final class HostTable {
        private static final class Entry {
            int port;
        }

        private static final Map<String, Entry> ENTRIES = Map.of();

        static void refresh(String mac) {
            touch(mac);
        }

        private static int touch(String mac) {
            // Not a bare dereference: HotSpot replaces an implicit NPE thrown often from hot
            // code by a shared one without a stack trace (OmitStackTraceInFastThrow).
            return Objects.requireNonNull(ENTRIES.get(mac), () -> "no host table entry for " + mac).port;
        }
    }

    private static final class FlowInstaller {
        static void install(String connection) {
            try {
                send(connection);
            } catch (IOException e) {
                throw new UncheckedIOException("Error sending flow_mod to " + connection, e);
            }
        }

        private static void send(String connection) throws IOException {
            write(connection);
        }

        private static void write(String connection) throws IOException {
            throw new ClosedChannelException();
        }
    }
}
