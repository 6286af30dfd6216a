package io.poxlog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The model's names, which must read exactly as POX prints them. */
class SimulatedNetworkTest {
    @Test
    void dpidsReadLikePoxDpidToStr() {
        assertThat(SimulatedNetwork.dpidToString(1)).isEqualTo("00-00-00-00-00-01");
        assertThat(SimulatedNetwork.dpidToString(0xa1b2c3d4e5f6L)).isEqualTo("a1-b2-c3-d4-e5-f6");
        // POX appends the top two bytes as a decimal after a bar when they are not zero.
        assertThat(SimulatedNetwork.dpidToString(0x0002_0000_0000_00ffL)).isEqualTo("00-00-00-00-00-ff|2");
    }

    @Test
    void macsReadLikePoxEthAddr() {
        assertThat(SimulatedNetwork.macToString(10)).isEqualTo("00:00:00:00:00:0a");
    }

    @Test
    void linksReadLikePoxDiscoveryAndComeInBothDirections() {
        SimulatedNetwork net = new SimulatedNetwork();
        assertThat(net.links).extracting(l -> l.name)
                .contains("00-00-00-00-00-01.2 -> 00-00-00-00-00-02.1", "00-00-00-00-00-02.1 -> 00-00-00-00-00-01.2",
                        "00-00-00-00-00-01.3 -> 00-00-00-00-00-04.3")
                .doesNotHaveDuplicates();
    }

    @Test
    void connectionIdsGrowAcrossReconnectsAndLinksDieWithTheirSwitch() {
        SimulatedNetwork net = new SimulatedNetwork();
        SplittableRandom rnd = new SplittableRandom(7);
        Arrays.stream(net.switches).forEach(net::connect);
        assertThat(net.switches[2].connection).isEqualTo("[00-00-00-00-00-03 3]");
        Arrays.stream(net.links).forEach(l -> l.up = true);

        net.disconnect(net.switches[2]);
        assertThat(net.links).filteredOn(l -> l.from == net.switches[2] || l.to == net.switches[2])
                .isNotEmpty().allSatisfy(l -> assertThat(l.up).isFalse());
        assertThat(net.randomLink(rnd, false)).isNull(); // no down link can be detected yet
        net.connect(net.switches[2]);
        assertThat(net.switches[2].connection).isEqualTo("[00-00-00-00-00-03 7]");
        assertThat(net.randomLink(rnd, false)).isNotNull();
    }
}
