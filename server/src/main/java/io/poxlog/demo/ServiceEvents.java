package io.poxlog.demo;

import io.poxlog.demo.SimulatedNetwork.Host;
import io.poxlog.demo.SimulatedNetwork.Switch;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application half of the demo: what POX's bundled components log about the traffic the
 * switches report: L2 and L3 learning, the host tracker, the ARP responder, the DHCP server,
 * the DNS spy, the web server and the packet library's parse warnings.
 *
 * <p>Nearly the contract of {@link OpenFlowEvents}: one event per call, the model kept
 * consistent, the number of log calls returned, SLF4J patterns with arguments. Hosts are only
 * reported by switches that are connected; a method that finds none logs nothing and returns
 * 0, and {@link DemoEvents} logs a switch connecting instead.
 *
 * <p>Not thread-safe: owned by one {@link DemoEvents}, that is by the {@code demo-controller}
 * thread.
 */
final class ServiceEvents {
    private static final Logger L2 = LoggerFactory.getLogger("forwarding.l2_learning");
    private static final Logger L3 = LoggerFactory.getLogger("forwarding.l3_learning");
    private static final Logger HOSTS = LoggerFactory.getLogger("host_tracker");
    private static final Logger ARP = LoggerFactory.getLogger("misc.arp_responder");
    private static final Logger DHCP = LoggerFactory.getLogger("proto.dhcpd");
    private static final Logger DNS = LoggerFactory.getLogger("proto.dns_spy");
    private static final Logger WEB = LoggerFactory.getLogger("web.webcore");
    private static final Logger PACKET = LoggerFactory.getLogger("packet");

    private static final String[][] DNS_ANSWERS = {
        {"www.example.com", "93.184.215.14"}, {"pox.example.org", "198.51.100.7"},
        {"ntp.ubuntu.com", "185.125.190.57"}, {"h3.mininet", "10.0.0.3"}, {"h7.mininet", "10.0.0.7"},
    };
    private static final String[] WEB_CLIENTS = {"127.0.0.1", "10.0.2.15", "192.168.56.1"};
    private static final String[] WEB_PATHS = {
        "/", "/poxdesk/", "/poxdesk/source/poxdesk.js", "/OF/", "/of/switches",
        "/of/switch/00-00-00-00-00-01/flows", "/web/jsonrest/topology",
    };
    private static final String[] SHORT_PACKET_WARNINGS = {
        "(dhcp) packet data too short to parse header: data len {}",
        "(tcp) packet data too short to parse header: data len {}",
        "(dns) parsing questions: packet data too short: data len {}",
        "(ipv4) warning IP packet data incomplete ({} of 1500)",
    };

    private final SimulatedNetwork net;
    private final SplittableRandom rnd;
    /** The DHCP pool POX's dhcpd hands out by default, 10.0.0.100 upwards; wraps around. */
    private int nextLease = 100;

    ServiceEvents(SimulatedNetwork net, SplittableRandom rnd) {
        this.net = net;
        this.rnd = rnd;
    }

    /** l2_learning's three outcomes: install, flood an unknown destination, drop a hairpin. */
    int l2Learning() {
        Host src = net.randomReachableHost(rnd);
        if (src == null) {
            return 0;
        }
        Host dst = net.randomPeer(rnd, src);
        int roll = rnd.nextInt(100);
        if (roll < 70) {
            int out = dst.at == src.at ? dst.port : 1 + rnd.nextInt(SimulatedNetwork.CROSS_PORT);
            L2.debug("installing flow for {}.{} -> {}.{}", src.mac, src.port, dst.mac, out);
        } else if (roll < 95) {
            L2.debug("Port for {} unknown -- flooding", dst.mac);
        } else {
            L2.warn("Same port for packet from {} -> {} on {}.{}.  Drop.", src.mac, dst.mac, src.at.name, src.port);
        }
        return 1;
    }

    /** l3_learning prints DPIDs as plain integers, unlike the rest of POX. */
    int l3Learning() {
        Host src = net.randomReachableHost(rnd);
        if (src == null) {
            return 0;
        }
        Host dst = net.randomPeer(rnd, src);
        int roll = rnd.nextInt(100);
        if (roll < 45) {
            L3.debug("{} {} learned {}", src.at.dpid, src.port, src.ip);
        } else if (roll < 70) {
            L3.debug("{} {} installing flow for {} => {} out port {}", src.at.dpid, src.port, src.ip, dst.ip,
                    dst.at == src.at ? dst.port : SimulatedNetwork.CROSS_PORT);
        } else if (roll < 92) {
            L3.debug("{} {} ARP request {} => {}", src.at.dpid, src.port, src.ip, dst.ip);
        } else {
            L3.info("{} {} RE-learned {}", src.at.dpid, src.port, src.ip);
        }
        return 1;
    }

    /** Learns unknown hosts, moves known ones to another edge port, and expires them. */
    int hostTracker() {
        Host h = net.randomHost(rnd);
        if (!h.at.connected) {
            return 0;
        }
        if (!h.known) {
            h.known = true;
            HOSTS.info("Learned {} at {}.{}", h.mac, h.at.name, h.port);
            return 1;
        }
        int roll = rnd.nextInt(100);
        if (roll < 35) {
            HOSTS.info("Learned {} got IP {}", h.mac, h.ip);
        } else if (roll < 55) {
            Switch to = net.randomSwitch(rnd, true);
            int port = SimulatedNetwork.FIRST_HOST_PORT + rnd.nextInt(2);
            if (to == h.at && port == h.port) {
                HOSTS.warn("Possible duplicate: {} seen again at {}.{}", h.mac, to.name, port);
            } else {
                HOSTS.info("{} moved from {}.{} to {}.{}", h.mac, h.at.name, h.port, to.name, port);
                h.at = to;
                h.port = port;
            }
        } else if (roll < 75) {
            h.known = false;
            HOSTS.info("Entry {} expired", h.mac);
        } else {
            HOSTS.debug("Sending ARP ping to {} ({}) on {}.{}", h.mac, h.ip, h.at.name, h.port);
        }
        return 1;
    }

    int arpResponder() {
        Host asker = net.randomReachableHost(rnd);
        if (asker == null) {
            return 0;
        }
        Host target = net.randomPeer(rnd, asker);
        if (rnd.nextInt(20) == 0) {
            ARP.info("{} learned {} is at {}", asker.at.name, target.ip, target.mac);
        } else {
            ARP.debug("{}.{} answering ARP for {}", asker.at.name, asker.port, target.ip);
        }
        return 1;
    }

    int dhcp() {
        Host h = net.randomReachableHost(rnd);
        if (h == null) {
            return 0;
        }
        int roll = rnd.nextInt(100);
        if (roll < 30) {
            DHCP.debug("DHCPDISCOVER from {} on {}.{}", h.mac, h.at.name, h.port);
        } else if (roll < 55) {
            DHCP.debug("Offering 10.0.0.{} to {}", nextLease, h.mac);
        } else if (roll < 92) {
            DHCP.info("Leased 10.0.0.{} to {}", nextLease, h.mac);
            nextLease = nextLease == 199 ? 100 : nextLease + 1;
        } else {
            DHCP.warn("DHCPREQUEST from {} for unknown address 10.0.0.{}; sending NAK", h.mac, 200 + rnd.nextInt(50));
        }
        return 1;
    }

    int dnsSpy() {
        String[] answer = DNS_ANSWERS[rnd.nextInt(DNS_ANSWERS.length)];
        DNS.debug("answer: {} A {} (ttl={})", answer[0], answer[1], 60 * (1 + rnd.nextInt(60)));
        return 1;
    }

    /** Access-log lines in the shape of Python's http.server, which webcore is built on. */
    int web() {
        String client = WEB_CLIENTS[rnd.nextInt(WEB_CLIENTS.length)];
        if (rnd.nextInt(12) == 0) {
            WEB.warn("{} - - \"GET {} HTTP/1.1\" 404 -", client, rnd.nextBoolean() ? "/favicon.ico" : "/poxdesk/x");
        } else {
            WEB.info("{} - - \"GET {} HTTP/1.1\" 200 {}", client, WEB_PATHS[rnd.nextInt(WEB_PATHS.length)],
                    200 + rnd.nextInt(9000));
        }
        return 1;
    }

    /** The packet library: TRACE dumps of parsed frames, WARN when a frame is too short. */
    int packetLibrary() {
        Host src = net.randomHost(rnd);
        Host dst = net.randomPeer(rnd, src);
        if (rnd.nextInt(4) == 0) {
            PACKET.warn(SHORT_PACKET_WARNINGS[rnd.nextInt(SHORT_PACKET_WARNINGS.length)], 1 + rnd.nextInt(40));
        } else {
            PACKET.trace("[{}>{} {}]", src.mac, dst.mac, rnd.nextInt(5) == 0 ? "ARP" : "IP");
        }
        return 1;
    }
}
