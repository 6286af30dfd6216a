package io.poxlog.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The viewer's bounded, time-ordered, filtered store. */
class RecordStoreTest {
    private static LogEntry entry(String source, double t, String level, String logger, String msg) {
        return new LogEntry(source, -1, t, level, Levels.number(level), logger, msg, 0, JsonNodeFactory.instance.objectNode());
    }

    private static List<String> shown(RecordStore s) {
        return s.viewSnapshot().stream().map(LogEntry::message).toList();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheOldest() {
        RecordStore s = new RecordStore(3);
        for (int i = 1; i <= 5; i++) {
            s.add(entry("a", i, "INFO", "x", "m" + i));
        }
        assertThat(shown(s)).containsExactly("m3", "m4", "m5");
        assertThat(s.viewGet(2).message()).isEqualTo("m5");
        // Asked for a place the view no longer has (it shrank since the caller looked): none.
        assertThat(s.viewGet(3)).isNull();
        assertThat(s.viewGet(-1)).isNull();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.received()).isEqualTo(5);
    }

    @Test
    void mergesSeveralSourcesInTimeOrder() {
        RecordStore s = new RecordStore(10);
        s.add(entry("a", 1.0, "INFO", "x", "a1"));
        s.add(entry("a", 3.0, "INFO", "x", "a3"));
        s.add(entry("b", 2.0, "INFO", "x", "b2"));
        s.add(entry("b", 0.5, "INFO", "x", "b0"));
        assertThat(shown(s)).containsExactly("b0", "a1", "b2", "a3");
    }

    @Test
    void anOutOfOrderRecordOlderThanAllWhenFullIsTheOneDropped() {
        RecordStore s = new RecordStore(2);
        s.add(entry("a", 5, "INFO", "x", "five"));
        s.add(entry("a", 6, "INFO", "x", "six"));
        s.add(entry("b", 1, "INFO", "x", "one"));
        assertThat(shown(s)).containsExactly("five", "six");
    }

    @Test
    void filtersByLevelIncludeAndExcludeAndKeepTheViewUpToDate() {
        RecordStore s = new RecordStore(100);
        s.add(entry("a", 1, "DEBUG", "openflow.of_01", "packet in"));
        s.add(entry("a", 2, "WARNING", "openflow.of_01", "switch timeout"));
        s.add(entry("a", 3, "ERROR", "web", "500 on /topology"));
        s.setFilter(Filter.ALL.withMinLevel(30));
        assertThat(shown(s)).containsExactly("switch timeout", "500 on /topology");
        s.setFilter(s.filter().withInclude(Pattern.compile("openflow")));
        assertThat(shown(s)).containsExactly("switch timeout");
        s.add(entry("a", 4, "ERROR", "openflow.discovery", "link down"));
        s.add(entry("a", 5, "INFO", "openflow.discovery", "link up"));
        assertThat(shown(s)).containsExactly("switch timeout", "link down");
        s.setFilter(Filter.ALL.withExclude(Pattern.compile("^link")));
        assertThat(shown(s)).containsExactly("packet in", "switch timeout", "500 on /topology");
        assertThat(s.filter().describe()).isEqualTo("filter-out /^link/");
    }

    @Test
    void gapNoticesAreNeverFilteredAwayAndAreCounted() {
        RecordStore s = new RecordStore(10);
        s.setFilter(Filter.ALL.withMinLevel(50));
        s.add(new LogEntry("a", -1, 1, "WARNING", 30, "messenger.log_service", "12 records were lost", 12,
                JsonNodeFactory.instance.objectNode()));
        assertThat(shown(s)).containsExactly("12 records were lost");
        assertThat(s.dropped()).isEqualTo(12);
    }

    @Test
    void evictionAlsoLeavesTheFilteredView() {
        RecordStore s = new RecordStore(2);
        s.setFilter(Filter.ALL.withMinLevel(40));
        s.add(entry("a", 1, "ERROR", "x", "e1"));
        s.add(entry("a", 2, "INFO", "x", "i2"));
        s.add(entry("a", 3, "INFO", "x", "i3"));
        assertThat(shown(s)).isEmpty();
    }

    @Test
    void findSearchesTheShownRecordsBothWaysAndWraps() {
        RecordStore s = new RecordStore(10);
        for (String m : List.of("alpha", "beta", "alpha two", "gamma")) {
            s.add(entry("a", s.size(), "INFO", "x", m));
        }
        Pattern p = Pattern.compile("alpha");
        assertThat(s.find(p, 0, true)).isEqualTo(2);
        assertThat(s.find(p, 2, true)).isEqualTo(0);
        assertThat(s.find(p, 0, false)).isEqualTo(2);
        assertThat(s.find(Pattern.compile("zeta"), 0, true)).isEqualTo(-1);
    }

    @Test
    void theVersionChangesOnEveryChange() {
        RecordStore s = new RecordStore(10);
        long v0 = s.version();
        s.add(entry("a", 1, "INFO", "x", "m"));
        long v1 = s.version();
        s.setFilter(Filter.ALL.withMinLevel(10));
        assertThat(v1).isGreaterThan(v0);
        assertThat(s.version()).isGreaterThan(v1);
    }

    @Test
    void aBufferOfNothingIsRefused() {
        assertThatThrownBy(() -> new RecordStore(0)).hasMessage("buffer must hold at least 1 record, not 0");
    }

    @Test
    void locateFindsARecordAfterOlderOnesLeaveAndTheNextOneWhenItIsGone() {
        RecordStore s = new RecordStore(4);
        LogEntry[] e = new LogEntry[6];
        for (int i = 0; i < 4; i++) {
            e[i] = entry("a", i, "INFO", "x", "m" + i);
            s.add(e[i]);
        }
        assertThat(s.locate(e[2], 2)).isEqualTo(2);
        e[4] = entry("a", 4, "INFO", "x", "m4");
        s.add(e[4]); // m0 leaves: m2 is now at 1
        assertThat(s.locate(e[2], 2)).isEqualTo(1);
        s.setFilter(Filter.ALL.withExclude(Pattern.compile("m2")));
        assertThat(s.locate(e[2], 1)).as("filtered out: the next newer record").isEqualTo(1);
        assertThat(shown(s).get(1)).isEqualTo("m3");
        s.setFilter(Filter.ALL);
        e[5] = entry("a", 5, "INFO", "x", "m5");
        s.add(e[5]);
        assertThat(s.locate(e[0], 0)).as("dropped from the buffer: the oldest held").isEqualTo(0);
        s.clear();
        assertThat(s.locate(e[3], 2)).isEqualTo(0);
    }
}
