package io.poxlog.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The small, consistent network the demo controller pretends to manage: six switches in a ring
 * with three cross links (so the spanning tree has loops to cut), and twelve hosts on their edge
 * ports, laid out like a Mininet topology ({@code 00-00-00-00-00-01}, {@code 00:00:00:00:00:01},
 * {@code 10.0.0.1}).
 *
 * <p>It exists so that the log tells one story: a switch that was logged as closed does not
 * send packet-ins until it is logged as connected again, a link is detected only between
 * connected switches, a host moves from where it was last seen. Every string a log line
 * needs (DPIDs, MACs, IPs, link names) is built once here, so the generator's hot path only
 * picks and passes references.
 *
 * <p>Not for: real networking, or anything but the demo. Not thread-safe: each run of the
 * {@code demo-controller} thread builds and owns its own instance.
 */
final class SimulatedNetwork {
    /** Ports 1 and 2 go round the ring, port 3 across it, ports 4 and 5 to hosts. */
    static final int RING_PREV_PORT = 1;
    static final int RING_NEXT_PORT = 2;
    static final int CROSS_PORT = 3;
    static final int FIRST_HOST_PORT = 4;
    static final int PORTS = 5;
    /** Where each switch starts counting packet buffers; any switch-like number will do. */
    static final int FIRST_BUFFER_ID = 256;

    private static final int SWITCH_COUNT = 6;
    private static final int HOST_COUNT = 12;
    private static final int MIN_CONNECTED = 4;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One simulated OpenFlow switch and its connection state. */
    static final class Switch {
        final long dpid;
        final String name;
        /** POX prints a connection as {@code [dpid connection-id]}; rebuilt on each connect. */
        String connection;
        boolean connected;
        int flows;
        long packets;
        long bytes;
        int nextBufferId = FIRST_BUFFER_ID;
        int nextXid = 1;

        Switch(long dpid) {
            this.dpid = dpid;
            this.name = dpidToString(dpid);
            this.connection = "[" + name + " ?]";
        }
    }

    /** A directed link, as POX's discovery sees it: one LLDP direction at a time. */
    static final class Link {
        final Switch from;
        final int fromPort;
        final Switch to;
        final int toPort;
        final String name;
        boolean up;

        Link(Switch from, int fromPort, Switch to, int toPort) {
            this.from = from;
            this.fromPort = fromPort;
            this.to = to;
            this.toPort = toPort;
            this.name = from.name + "." + fromPort + " -> " + to.name + "." + toPort;
        }
    }

    /** A host: fixed addresses, a location that changes when it moves. */
    static final class Host {
        final int index;
        final String mac;
        final String ip;
        Switch at;
        int port;
        boolean known;

        Host(int index, long mac, String ip, Switch at, int port) {
            this.index = index;
            this.mac = macToString(mac);
            this.ip = ip;
            this.at = at;
            this.port = port;
        }
    }

    final Switch[] switches = new Switch[SWITCH_COUNT];
    final Link[] links;
    final Host[] hosts = new Host[HOST_COUNT];
    /** Whether each switch port floods, as the spanning tree last decided; [switch][port]. */
    final boolean[][] flooding = new boolean[SWITCH_COUNT][PORTS + 1];
    private int nextConnectionId = 1;

    SimulatedNetwork() {
        for (int i = 0; i < SWITCH_COUNT; i++) {
            switches[i] = new Switch(i + 1);
            Arrays.fill(flooding[i], true);
        }
        int half = SWITCH_COUNT / 2;
        links = new Link[2 * (SWITCH_COUNT + half)];
        int l = 0;
        for (int i = 0; i < SWITCH_COUNT; i++) {
            Switch a = switches[i];
            Switch b = switches[(i + 1) % SWITCH_COUNT];
            links[l++] = new Link(a, RING_NEXT_PORT, b, RING_PREV_PORT);
            links[l++] = new Link(b, RING_PREV_PORT, a, RING_NEXT_PORT);
        }
        for (int i = 0; i < half; i++) {
            Switch a = switches[i];
            Switch b = switches[i + half];
            links[l++] = new Link(a, CROSS_PORT, b, CROSS_PORT);
            links[l++] = new Link(b, CROSS_PORT, a, CROSS_PORT);
        }
        for (int i = 0; i < HOST_COUNT; i++) {
            hosts[i] = new Host(i, i + 1, "10.0.0." + (i + 1), switches[i / 2], FIRST_HOST_PORT + i % 2);
        }
    }

    /** Marks a switch connected under a fresh connection id, as POX numbers them: globally. */
    void connect(Switch s) {
        s.connected = true;
        s.connection = "[" + s.name + " " + nextConnectionId++ + "]";
        s.flows = 0;
    }

    /** Marks a switch gone; its links die with it (discovery would time them out anyway). */
    void disconnect(Switch s) {
        s.connected = false;
        for (Link link : links) {
            if (link.from == s || link.to == s) {
                link.up = false;
            }
        }
    }

    /** Keeps most of the network up: a demo where every switch has gone is a dull demo. */
    boolean mayDisconnect() {
        int n = 0;
        for (Switch s : switches) {
            n += s.connected ? 1 : 0;
        }
        return n > MIN_CONNECTED;
    }

    /** A switch in the wanted state, scanning from a random start so no switch is favoured. */
    Switch randomSwitch(SplittableRandom rnd, boolean connected) {
        int start = rnd.nextInt(switches.length);
        for (int i = 0; i < switches.length; i++) {
            Switch s = switches[(start + i) % switches.length];
            if (s.connected == connected) {
                return s;
            }
        }
        return null;
    }

    /** An up link, or with {@code up == false} a down link that LLDP could now detect. */
    Link randomLink(SplittableRandom rnd, boolean up) {
        int start = rnd.nextInt(links.length);
        for (int i = 0; i < links.length; i++) {
            Link link = links[(start + i) % links.length];
            if (link.up == up && (up || (link.from.connected && link.to.connected))) {
                return link;
            }
        }
        return null;
    }

    /** A host whose switch is connected, since only those can send packets. */
    Host randomReachableHost(SplittableRandom rnd) {
        int start = rnd.nextInt(hosts.length);
        for (int i = 0; i < hosts.length; i++) {
            Host h = hosts[(start + i) % hosts.length];
            if (h.at.connected) {
                return h;
            }
        }
        return null;
    }

    Host randomHost(SplittableRandom rnd) {
        return hosts[rnd.nextInt(hosts.length)];
    }

    /** Any host but {@code h}: a host does not send packets to itself. */
    Host randomPeer(SplittableRandom rnd, Host h) {
        return hosts[(h.index + 1 + rnd.nextInt(hosts.length - 1)) % hosts.length];
    }

    int switchIndex(Switch s) {
        return (int) (s.dpid - 1);
    }

    /** POX's {@code dpid_to_str}: the low six bytes, and {@code |n} if the top two are set. */
    static String dpidToString(long dpid) {
        StringBuilder sb = new StringBuilder(24);
        appendHexBytes(sb, dpid, '-');
        long top = dpid >>> 48;
        if (top != 0) {
            sb.append('|').append(top);
        }
        return sb.toString();
    }

    /** POX's {@code EthAddr} string: six lower-case hex bytes joined by colons. */
    static String macToString(long mac) {
        StringBuilder sb = new StringBuilder(17);
        appendHexBytes(sb, mac, ':');
        return sb.toString();
    }

    private static void appendHexBytes(StringBuilder sb, long value, char separator) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (value >>> shift) & 0xff;
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            if (shift > 0) {
                sb.append(separator);
            }
        }
    }
}
