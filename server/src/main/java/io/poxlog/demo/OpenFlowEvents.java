package io.poxlog.demo;

import io.poxlog.demo.SimulatedNetwork.Host;
import io.poxlog.demo.SimulatedNetwork.Link;
import io.poxlog.demo.SimulatedNetwork.Switch;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow half of the demo: switch connections and timeouts, packet-ins, flow mods and
 * removals, echo keepalives, OpenFlow errors, link discovery, spanning tree, port status and
 * statistics, each logged under the logger POX would use and worded like POX words it.
 *
 * <p>Each method logs one event, keeps {@link SimulatedNetwork} consistent with what it logged,
 * and returns how many log calls it made. A method whose event cannot happen right now (no
 * switch to reconnect, no link to detect) logs a plausible neighbour instead, so that every
 * call logs something. Messages are SLF4J patterns with arguments, never pre-formatted, so a
 * disabled level costs no formatting; the busiest many-argument records also skip their
 * boxing when DEBUG is off. Random draws never depend on the level, so a seed tells the same
 * story whatever is enabled.
 *
 * <p>Not thread-safe: owned by one {@link DemoEvents}, that is by the {@code demo-controller}
 * thread.
 */
final class OpenFlowEvents {
    private static final Logger OF = LoggerFactory.getLogger("openflow.of_01");
    private static final Logger KEEPALIVE = LoggerFactory.getLogger("openflow.keepalive");
    private static final Logger DISCOVERY = LoggerFactory.getLogger("openflow.discovery");
    private static final Logger STP = LoggerFactory.getLogger("openflow.spanning_tree");
    private static final Logger L2 = LoggerFactory.getLogger("forwarding.l2_learning");
    private static final Logger TOPOLOGY = LoggerFactory.getLogger("topology");
    private static final Logger STATS = LoggerFactory.getLogger("stats.flow_stats");

    /** What hosts send, mostly IP as on a real LAN, named as POX prints ethertypes. */
    private static final String[] ETHERTYPES = {"IP", "IP", "IP", "IP", "IP", "ARP", "ARP", "IPV6"};
    private static final String[][] OPENFLOW_ERRORS = {
        {"OFPET_BAD_REQUEST", "OFPBRC_BUFFER_UNKNOWN"},
        {"OFPET_FLOW_MOD_FAILED", "OFPFMFC_ALL_TABLES_FULL"},
        {"OFPET_BAD_ACTION", "OFPBAC_BAD_OUT_PORT"},
        {"OFPET_PORT_MOD_FAILED", "OFPPMFC_BAD_PORT"},
    };
    /** forwarding.l2_learning's defaults, which is what most flows in a POX log carry. */
    private static final int IDLE_TIMEOUT = 10;
    private static final int HARD_TIMEOUT = 30;

    private final SimulatedNetwork net;
    private final SplittableRandom rnd;

    OpenFlowEvents(SimulatedNetwork net, SplittableRandom rnd) {
        this.net = net;
        this.rnd = rnd;
    }

    int switchConnect() {
        Switch s = net.randomSwitch(rnd, false);
        if (s == null) {
            return packetIn();
        }
        net.connect(s);
        OF.info("{} connected", s.connection);
        TOPOLOGY.debug("Switch {} joined with {} ports", s.name, SimulatedNetwork.PORTS);
        L2.debug("Connection {}", s.connection);
        return 3;
    }

    /** A clean close or a keepalive timeout; both end with POX's "closed" line. */
    int switchDisconnect() {
        if (!net.mayDisconnect()) {
            return echo();
        }
        Switch s = net.randomSwitch(rnd, true);
        int records = 1;
        if (rnd.nextBoolean()) {
            KEEPALIVE.warn("{} timed out: no echo reply in {} seconds", s.connection, 20);
            records++;
        }
        net.disconnect(s);
        OF.info("{} closed", s.connection);
        return records;
    }

    int packetIn() {
        Host src = net.randomReachableHost(rnd);
        if (src == null) {
            return switchConnect();
        }
        Host dst = net.randomPeer(rnd, src);
        Switch s = src.at;
        int length = 60 + rnd.nextInt(1455);
        String type = ETHERTYPES[rnd.nextInt(ETHERTYPES.length)];
        int bufferId = s.nextBufferId++;
        s.packets++;
        s.bytes += length;
        if (OF.isDebugEnabled()) { // the busiest record: skip its boxing and varargs when unseen
            OF.debug("{} PacketIn: in_port={} {} > {} type={} buffer_id={} total_len={}", s.connection, src.port,
                    src.mac, dst.mac, type, bufferId, length);
        }
        return 1;
    }

    int flowMod() {
        Host src = net.randomReachableHost(rnd);
        if (src == null) {
            return switchConnect();
        }
        Host dst = net.randomPeer(rnd, src);
        Switch s = src.at;
        s.flows++;
        // A flow_mod answers the switch's latest packet-in and releases its buffer, if any.
        int bufferId = s.nextBufferId - 1;
        String type = ETHERTYPES[rnd.nextInt(ETHERTYPES.length)];
        int out = outPort(s, dst);
        if (OF.isDebugEnabled()) {
            OF.debug("{} flow_mod ADD match[in_port={}, dl_src={}, dl_dst={}, dl_type={}] actions[output:{}]"
                            + " idle_timeout={} hard_timeout={} buffer_id={}", s.connection, src.port, src.mac,
                    dst.mac, type, out, IDLE_TIMEOUT, HARD_TIMEOUT,
                    bufferId >= SimulatedNetwork.FIRST_BUFFER_ID ? (Object) bufferId : "None");
        }
        return 1;
    }

    int flowRemoved() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null || s.flows == 0) {
            return flowMod();
        }
        s.flows--;
        Host src = net.randomHost(rnd);
        Host dst = net.randomPeer(rnd, src);
        boolean idle = rnd.nextInt(5) > 0;
        int duration = idle ? IDLE_TIMEOUT + rnd.nextInt(60) : HARD_TIMEOUT;
        int packets = 1 + rnd.nextInt(400);
        long bytes = packets * (64L + rnd.nextInt(1000));
        if (OF.isDebugEnabled()) {
            OF.debug("{} FlowRemoved: match[dl_src={}, dl_dst={}] reason={} duration={}s packets={} bytes={}",
                    s.connection, src.mac, dst.mac, idle ? "OFPRR_IDLE_TIMEOUT" : "OFPRR_HARD_TIMEOUT", duration,
                    packets, bytes);
        }
        return 1;
    }

    /** The chatter below DEBUG: echo requests and replies, which is what TRACE is for. */
    int echo() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return switchConnect();
        }
        if (rnd.nextBoolean()) {
            OF.trace("{} sent echo_request xid={}", s.connection, s.nextXid++);
        } else {
            OF.trace("{} got echo_reply xid={} rtt={}ms", s.connection, s.nextXid - 1, rnd.nextInt(4));
        }
        return 1;
    }

    int openflowError() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return switchConnect();
        }
        String[] error = OPENFLOW_ERRORS[rnd.nextInt(OPENFLOW_ERRORS.length)];
        OF.warn("{} OpenFlow error: type={} code={} xid={}", s.connection, error[0], error[1], s.nextXid - 1);
        return 1;
    }

    int linkDetected() {
        Link link = net.randomLink(rnd, false);
        if (link == null) {
            return lldp();
        }
        link.up = true;
        DISCOVERY.info("link detected: {}", link.name);
        return 1;
    }

    int linkTimeout() {
        Link link = net.randomLink(rnd, true);
        if (link == null) {
            return lldp();
        }
        link.up = false;
        DISCOVERY.info("link timeout: {}", link.name);
        return 1;
    }

    int lldp() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return switchConnect();
        }
        if (rnd.nextInt(4) == 0) {
            DISCOVERY.debug("Installing flow for {}", s.name);
        } else {
            DISCOVERY.trace("Sending LLDP on {}.{}", s.name, 1 + rnd.nextInt(SimulatedNetwork.CROSS_PORT));
        }
        return 1;
    }

    /** Flips flooding on one inter-switch port, or announces a recomputed tree. */
    int spanningTree() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return switchConnect();
        }
        if (rnd.nextInt(3) == 0) {
            return spanningTreeUpdated();
        }
        int port = 1 + rnd.nextInt(SimulatedNetwork.CROSS_PORT);
        boolean[] flooding = net.flooding[net.switchIndex(s)];
        flooding[port] = !flooding[port];
        STP.debug(flooding[port] ? "Enabling flooding on {}.{}" : "Disabling flooding on {}.{}", s.name, port);
        return 1;
    }

    int spanningTreeUpdated() {
        STP.debug("Spanning tree updated");
        STP.info("{} ports changed", 1 + rnd.nextInt(3));
        return 2;
    }

    /** POX's "closed" line for a switch the controller gave up on; 0 if none may go now. */
    int closeAfterError(Switch s) {
        if (!net.mayDisconnect()) {
            return 0;
        }
        net.disconnect(s);
        OF.info("{} closed", s.connection);
        return 1;
    }

    int portStatus() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return switchConnect();
        }
        TOPOLOGY.debug("PortStatus from {}: port {} {}", s.name, 1 + rnd.nextInt(SimulatedNetwork.PORTS),
                rnd.nextBoolean() ? "OFPPR_MODIFY" : "OFPPR_ADD");
        return 1;
    }

    /** Numbers from the model, so successive replies for one switch only ever grow. */
    int stats() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return switchConnect();
        }
        if (rnd.nextBoolean()) {
            STATS.info("FlowStatsReceived from {}: {} flows, {} packets, {} bytes", s.name, s.flows, s.packets,
                    s.bytes);
        } else {
            long rx = s.packets / 2;
            STATS.debug("PortStatsReceived from {}: port {} rx_packets={} tx_packets={} rx_dropped={}", s.name,
                    1 + rnd.nextInt(SimulatedNetwork.PORTS), rx, s.packets - rx + rnd.nextInt(8), rx / 1000);
        }
        return 1;
    }

    /** Straight to the host if it hangs off this switch, else out of some inter-switch port. */
    private int outPort(Switch s, Host dst) {
        return dst.at == s ? dst.port : 1 + rnd.nextInt(SimulatedNetwork.CROSS_PORT);
    }
}
