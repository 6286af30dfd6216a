package io.poxlog.demo;

import java.util.SplittableRandom;

/**
 * The demo's event generator: picks the next simulated event by weight and has
 * {@link OpenFlowEvents}, {@link ServiceEvents} or {@link FaultEvents} log it against one
 * shared {@link SimulatedNetwork}.
 *
 * <p>The weights give the mix of a POX controller logging at DEBUG: mostly DEBUG and INFO, some
 * TRACE and WARN, under one ERROR in a hundred records, some of those with a stack trace. A run
 * starts with the network coming up, switches connecting and links being detected, so that a
 * newcomer who opens a viewer at start sees the story from its beginning.
 *
 * <p>The same seed gives the same sequence of records, whatever the rate. Not thread-safe:
 * {@link DemoController} builds one per run of its {@code demo-controller} thread.
 */
final class DemoEvents implements EventSource {
    /** Event kinds and their relative weights; the heaviest first, to shorten the pick's scan. */
    enum Kind {
        L2_LEARNING(170),
        PACKET_IN(150),
        FLOW_MOD(50),
        L3_LEARNING(45),
        WEB(45),
        ARP(40),
        FLOW_REMOVED(35),
        STATS(35),
        HOST_TRACKER(30),
        PACKET_LIBRARY(30),
        DHCP(25),
        DNS(25),
        ECHO(25),
        LLDP(15),
        SPANNING_TREE(8),
        OPENFLOW_ERROR(8),
        PORT_STATUS(5),
        LINK_DETECTED(4),
        FAULT_WITH_EXCEPTION(4),
        SWITCH_CONNECT(3),
        FAULT_WITHOUT_EXCEPTION(2),
        LINK_TIMEOUT(2),
        SWITCH_DISCONNECT(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    /** CUMULATIVE[i] is the sum of the weights of KINDS[0..i]. */
    private static final int[] CUMULATIVE = new int[KINDS.length];

    static {
        int sum = 0;
        for (int i = 0; i < KINDS.length; i++) {
            sum += KINDS[i].weight;
            CUMULATIVE[i] = sum;
        }
    }

    private final SplittableRandom rnd;
    private final SimulatedNetwork net = new SimulatedNetwork();
    private final OpenFlowEvents openflow;
    private final ServiceEvents services;
    private final FaultEvents faults;
    private boolean booting = true;

    DemoEvents(long seed) {
        this.rnd = new SplittableRandom(seed);
        this.openflow = new OpenFlowEvents(net, rnd);
        this.services = new ServiceEvents(net, rnd);
        this.faults = new FaultEvents(net, openflow, rnd);
    }

    @Override
    public int emit() {
        if (booting) {
            return boot();
        }
        int records = log(pick());
        // 0 means the event needs a connected switch and there is none: bring one up instead.
        return records > 0 ? records : openflow.switchConnect();
    }

    /** Switches connecting with links detected in between, as when Mininet starts under POX. */
    private int boot() {
        boolean switchesLeft = net.randomSwitch(rnd, false) != null;
        boolean linksLeft = net.randomLink(rnd, false) != null;
        if (switchesLeft && (!linksLeft || rnd.nextBoolean())) {
            return openflow.switchConnect();
        }
        if (linksLeft) {
            return openflow.linkDetected();
        }
        booting = false;
        return openflow.spanningTreeUpdated();
    }

    private Kind pick() {
        int r = rnd.nextInt(CUMULATIVE[CUMULATIVE.length - 1]);
        int i = 0;
        while (CUMULATIVE[i] <= r) {
            i++;
        }
        return KINDS[i];
    }

    private int log(Kind kind) {
        switch (kind) {
            case PACKET_IN:
                return openflow.packetIn();
            case L2_LEARNING:
                return services.l2Learning();
            case FLOW_MOD:
                return openflow.flowMod();
            case L3_LEARNING:
                return services.l3Learning();
            case WEB:
                return services.web();
            case ARP:
                return services.arpResponder();
            case FLOW_REMOVED:
                return openflow.flowRemoved();
            case STATS:
                return openflow.stats();
            case HOST_TRACKER:
                return services.hostTracker();
            case PACKET_LIBRARY:
                return services.packetLibrary();
            case DHCP:
                return services.dhcp();
            case DNS:
                return services.dnsSpy();
            case ECHO:
                return openflow.echo();
            case LLDP:
                return openflow.lldp();
            case SPANNING_TREE:
                return openflow.spanningTree();
            case OPENFLOW_ERROR:
                return openflow.openflowError();
            case PORT_STATUS:
                return openflow.portStatus();
            case LINK_DETECTED:
                return openflow.linkDetected();
            case SWITCH_CONNECT:
                return openflow.switchConnect();
            case FAULT_WITH_EXCEPTION:
                return faults.withException();
            case FAULT_WITHOUT_EXCEPTION:
                return faults.withoutException();
            case SWITCH_DISCONNECT:
                return openflow.switchDisconnect();
            case LINK_TIMEOUT:
                return openflow.linkTimeout();
            default:
                throw new IllegalStateException("unhandled event kind " + kind);
        }
    }
}
