package io.poxlog.demo;

import io.poxlog.demo.SimulatedNetwork.Host;
import io.poxlog.demo.SimulatedNetwork.Switch;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's ERROR records: the rare failures a busy controller logs, some with an exception
 * from {@link SimulatedFaults} (a real stack trace, sometimes with a cause) passed as the last
 * SLF4J argument, some without. They are here so that a viewer's stack-trace folding and
 * ERROR highlighting have something real to show.
 *
 * <p>Same contract as {@link ServiceEvents}: returns the number of log calls, 0 when no switch
 * is connected. Not thread-safe: owned by one {@link DemoEvents}, that is by the
 * {@code demo-controller} thread.
 */
final class FaultEvents {
    private static final Logger OF = LoggerFactory.getLogger("openflow.of_01");
    private static final Logger L2 = LoggerFactory.getLogger("forwarding.l2_learning");
    private static final Logger HOSTS = LoggerFactory.getLogger("host_tracker");
    private static final Logger DHCP = LoggerFactory.getLogger("proto.dhcpd");
    private static final Logger STP = LoggerFactory.getLogger("openflow.spanning_tree");
    private static final Logger WEB = LoggerFactory.getLogger("web.webcore");

    private final SimulatedNetwork net;
    private final OpenFlowEvents openflow;
    private final SplittableRandom rnd;

    FaultEvents(SimulatedNetwork net, OpenFlowEvents openflow, SplittableRandom rnd) {
        this.net = net;
        this.openflow = openflow;
        this.rnd = rnd;
    }

    int withException() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return 0;
        }
        switch (rnd.nextInt(5)) {
            case 0:
                OF.error("Exception reading connection {}", s.connection,
                        SimulatedFaults.connectionReset(s.connection));
                // POX drops a connection it cannot read from.
                return 1 + openflow.closeAfterError(s);
            case 1:
                OF.error("Exception while handling PacketIn from {}", s.connection,
                        SimulatedFaults.truncatedFrame(rnd.nextInt(14)));
                return 1;
            case 2: {
                // A user typing a DPID by hand: one hex digit mistyped.
                String dpid = s.name.substring(0, s.name.length() - 1) + 'g';
                String path = "/of/switch/" + dpid + "/flows";
                WEB.error("Exception in handler for {}", path, SimulatedFaults.badDpidInRequest(path, dpid));
                return 1;
            }
            case 3: {
                Host h = net.randomHost(rnd);
                HOSTS.error("Exception while handling PacketIn from {}", h.mac, SimulatedFaults.missingHostEntry(h.mac));
                return 1;
            }
            default:
                L2.error("Error installing flow on {}", s.connection,
                        SimulatedFaults.flowModOnClosedConnection(s.connection));
                return 1;
        }
    }

    int withoutException() {
        Switch s = net.randomSwitch(rnd, true);
        if (s == null) {
            return 0;
        }
        switch (rnd.nextInt(3)) {
            case 0:
                OF.error("{} OpenFlow error: type=OFPET_HELLO_FAILED code=OFPHFC_INCOMPATIBLE", s.connection);
                return 1;
            case 1: {
                Host h = net.randomHost(rnd);
                DHCP.error("No address pool for {}.{}; ignoring DHCPDISCOVER from {}", h.at.name, h.port, h.mac);
                return 1;
            }
            default:
                STP.error("Couldn't compute spanning tree: {} missing from topology", s.name);
                return 1;
        }
    }
}
