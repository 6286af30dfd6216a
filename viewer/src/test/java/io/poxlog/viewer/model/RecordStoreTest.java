package io.poxlog.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The viewer's bounded, time-ordered, filtered store. */
class RecordStoreTest {
    private static LogEntry entry(String source, double t, String level, String logger, String msg) {
        return new LogEntry(source, -1, t, level, Levels.number(level), logger, msg, 0, JsonNodeFactory.instance.objectNode());
    }

    /** The messages shown, once the view is complete. */
    private static List<String> shown(RecordStore s) {
        try {
            assertThat(s.awaitView(Duration.ofSeconds(15))).as("the view is complete").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
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
    void hugeRecordsAreHeldUpToTheDefaultByteBoundTheOldestGoingFirst() {
        // Issue 10 item 9: 1,500 records of 2 MB in a buffer of 100,000 records took 3 GB; a
        // viewer with a heap of 1 GB died of OutOfMemoryError after 339 of them.
        RecordStore s = new RecordStore(100_000);
        byte[] twoMb = new byte[2 << 20]; // one array for all: the store must count each record's
        for (int i = 0; i < 1500; i++) {
            s.add(LogEntry.ofBytes("a", i, i, "INFO", 20, "x", "m" + i, 0, twoMb));
        }
        assertThat(s.size()).isLessThanOrEqualTo((256 << 20) / (2 << 20)).isGreaterThan(100);
        assertThat(s.viewGet(s.size() - 1).message()).isEqualTo("m1499");
    }

    @Test
    void aStoreIsBoundedByTheBytesItWasGivenAndCountsThemBack() {
        RecordStore s = new RecordStore(1000, 10 << 20);
        byte[] mb = new byte[1 << 20];
        for (int i = 0; i < 30; i++) {
            s.add(LogEntry.ofBytes("a", i, i, "INFO", 20, "x", "m" + i, 0, mb));
        }
        assertThat(s.bytes()).isLessThanOrEqualTo(10 << 20).isGreaterThan(9 << 20);
        assertThat(shown(s)).hasSize(9).startsWith("m21").endsWith("m29");
        s.clear();
        assertThat(s.bytes()).isZero();
        s.add(LogEntry.ofBytes("a", 1, 1, "INFO", 20, "x", "alone", 0, new byte[20 << 20]));
        assertThat(shown(s)).as("a record larger than the bound is still held, alone").containsExactly("alone");
        s.add(entry("a", 2, "INFO", "x", "small"));
        assertThat(shown(s)).containsExactly("small");
    }

    @Test
    void aRecordsSizeCountsItsBytesAndTheStringsMadeFromThem() {
        byte[] bytes = new byte[1 << 20];
        LogEntry ascii = LogEntry.ofBytes("a", 1, 1, "INFO", 20, "x", "m".repeat(1 << 20), 0, bytes);
        LogEntry wide = LogEntry.ofBytes("a", 1, 1, "INFO", 20, "x", "\u2603".repeat(1 << 20), 0, bytes);
        assertThat(ascii.retainedBytes()).isBetween(2L << 20, (2L << 20) + 1024);
        assertThat(wide.retainedBytes()).as("UTF-16 takes two bytes a character").isBetween(3L << 20, (3L << 20) + 1024);
        LogEntry small = LogEntry.ofBytes("a", 1, 1, "INFO", 20, "x", "hi", 0, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(small.retainedBytes()).as("a small record: the objects around it").isBetween(150L, 400L);
    }

    @Test
    void aRegexFilterFillsTheViewNewestFirstAndShowsWhatArrivesMeanwhile() throws Exception {
        try (RecordStore s = new RecordStore(100)) {
            for (int i = 0; i < 50; i++) {
                s.add(entry("a", i, "INFO", "x", (i % 2 == 0 ? "even " : "odd ") + i));
            }
            s.setFilter(Filter.ALL.withInclude(Pattern.compile("^even")));
            s.add(entry("a", 25.5, "INFO", "x", "even, late"));
            s.add(entry("a", 60, "INFO", "x", "even newest"));
            List<String> shown = shown(s);
            assertThat(shown).hasSize(27).startsWith("even 0", "even 2").containsSubsequence("even 24", "even, late",
                    "even 26").endsWith("even 48", "even newest");
            assertThat(s.filterProgress()).isNull();
        }
    }

    @Test
    void aRegexThatNeverEndsStallsNeitherIntakeNorTheCancelThatGoesBack() throws Exception {
        try (RecordStore s = new RecordStore(10_000)) {
            s.setFilter(Filter.ALL.withMinLevel(20));
            s.add(entry("a", 0, "INFO", "x", "x".repeat(40))); // ((x+)+)+y backtracks for hours on it
            s.setFilter(s.filter().withInclude(Pattern.compile("((x+)+)+y")));
            long t0 = System.nanoTime();
            for (int i = 1; i <= 5000; i++) {
                s.add(entry("a", i, "INFO", "x", "arriving " + i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("5,000 records added meanwhile")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(s.size()).isEqualTo(5001);
            assertThat(s.filterProgress()).as("the regex is still at work").isNotNull();
            Filter back = s.cancelFilter();
            assertThat(back.describe()).isEqualTo("level>=20");
            assertThat(shown(s)).hasSize(5001);
        }
    }

    @Test
    void aRegexFilterSlowerThanAFloodIsAppliedOnceTheRecordsHeldAreCheckedAndEscDoesNotUndoIt() throws Exception {
        // Before: "applied" waited for a moment with no arrival left to match, which a flood the
        // filter cannot keep up with never leaves: :write waited for good (awaitView), the bottom
        // line said "filtering" for good, and Esc, meant to clear a search, undid the filter.
        String xs = "x".repeat(300); // x*y backtracks over it: some 50 us a record, slower than the flood
        try (RecordStore s = new RecordStore(2000)) {
            for (int i = 0; i < 2000; i++) {
                s.add(entry("a", i, "INFO", "x", xs + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread flood = new Thread(() -> {
                for (int i = 2000; !stop.get(); i++) {
                    s.add(entry("a", i, "INFO", "x", xs + i));
                }
            }, "test-flood");
            flood.start();
            try {
                Filter slow = Filter.ALL.withInclude(Pattern.compile("x*y"));
                s.setFilter(slow);
                assertThat(s.awaitView(Duration.ofSeconds(10))).as("the view complete, the flood going on").isTrue();
                assertThat(s.filterApplied()).isTrue();
                assertThat(s.cancelFilter()).as("Esc once applied keeps the filter").isEqualTo(slow);
            } finally {
                stop.set(true);
                flood.join(10_000);
            }
        }
    }

    @Test
    void recordsWaitingForAStuckRegexStayBoundedWhenTheyArriveOutOfOrder() throws Exception {
        // Two controllers a little apart: records leave the store in time order, not in the order
        // they arrived, so the ones gone were not the first waiting and were never let go: before,
        // 200,000 records added to a store of 100 left 199,997 waiting for a regex that never ends.
        try (RecordStore s = new RecordStore(100)) {
            s.add(entry("a", -1, "INFO", "x", "x".repeat(40))); // ((x+)+)+y backtracks for hours on it
            s.setFilter(Filter.ALL.withInclude(Pattern.compile("((x+)+)+y")));
            // Stuck on it before the flood: a builder that came to it after it had left the store
            // (a loaded machine) never ran the regex, finished, and nothing was left waiting.
            io.poxlog.testing.Await.until("the filter's builder is matching the record it is stuck on",
                    () -> s.filterProgress() != null && s.filterProgress().checked() == 1);
            for (int i = 1; i <= 100_000; i++) {
                s.add(entry("a", 2 * i, "INFO", "x", "a" + i));
                s.add(entry("b", 2 * i - 0.5, "INFO", "x", "b" + i));
            }
            assertThat(s.size()).isEqualTo(100);
            assertThat(s.filterProgress().waiting()).as("records waiting to be matched")
                    .isLessThanOrEqualTo(2 * s.capacity());
        }
    }

    @Test
    void recordsWithTheSameTimeKeepTheirOrderThroughEvictionAndARebuiltView() throws Exception {
        try (RecordStore s = new RecordStore(4)) {
            List<LogEntry> added = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                LogEntry e = entry("a", 7.0, "INFO", "x", "same " + i);
                added.add(e);
                s.add(e);
            }
            assertThat(shown(s)).containsExactly("same 2", "same 3", "same 4", "same 5");
            s.setFilter(Filter.ALL.withInclude(Pattern.compile("same")));
            assertThat(shown(s)).containsExactly("same 2", "same 3", "same 4", "same 5");
            s.add(entry("a", 7.0, "INFO", "x", "same 6"));
            assertThat(shown(s)).containsExactly("same 3", "same 4", "same 5", "same 6");
            assertThat(s.locate(added.get(4), 0)).isEqualTo(1);
        }
    }

    @Test
    void loggerNamesAreRememberedUpToTheirBound() {
        RecordStore s = new RecordStore(10);
        for (int i = 0; i < RecordStore.MAX_LOGGERS + 50; i++) {
            s.add(entry("a", i, "INFO", "logger" + i, "m"));
        }
        assertThat(s.loggersSeen()).hasSize(RecordStore.MAX_LOGGERS);
    }

    @Test
    void theNewestRecordOfASourceIsFoundAmongTheOthersAndMarkersDoNotCount() {
        RecordStore s = new RecordStore(10);
        assertThat(s.newestCreated("a")).isNaN();
        s.add(entry("a", 1, "INFO", "x", "a1"));
        s.add(entry("a", 2, "INFO", "x", "a2"));
        s.add(entry("b", 3, "INFO", "x", "b3"));
        s.add(LogEntry.marker("a", 4, "a disconnected"));
        assertThat(s.newestCreated("a")).isEqualTo(2);
        assertThat(s.newestCreated("b")).isEqualTo(3);
        s.clear();
        assertThat(s.newestCreated("a")).isNaN();
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
    void aSearchChecksItsStartFirstThenGoesEitherWayAndWraps() {
        RecordStore s = new RecordStore(10);
        for (String m : List.of("alpha", "beta", "alpha two", "gamma")) {
            s.add(entry("a", s.size(), "INFO", "x", m));
        }
        RecordSearch search = new RecordSearch(s.viewSnapshot(), Pattern.compile("alpha"));
        IntConsumer progress = done -> { };
        assertThat(search.find(1, true, progress, () -> false)).isEqualTo(2);
        assertThat(search.find(3, true, progress, () -> false)).isEqualTo(0);
        assertThat(search.find(1, false, progress, () -> false)).isEqualTo(0);
        assertThat(search.find(-1, false, progress, () -> false)).as("from the newest, wrapped").isEqualTo(2);
        assertThat(new RecordSearch(s.viewSnapshot(), Pattern.compile("zeta")).find(0, true, progress, () -> false))
                .isEqualTo(-1);
        assertThatThrownBy(() -> search.find(1, true, progress, () -> true)).isInstanceOf(Scan.Cancelled.class);
        assertThat(search.indexOf(s.viewGet(2))).isEqualTo(2);
        assertThat(search.indexOf(null)).as("nothing selected: the newest").isEqualTo(3);
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
        assertThatThrownBy(() -> new RecordStore(10, 0)).hasMessage("buffer must hold at least 1 byte, not 0");
    }

    @Test
    void aSourceFilterShowsOneControllerWithItsGapNotices() {
        RecordStore s = new RecordStore(10);
        s.add(entry("a", 1, "INFO", "x", "from a"));
        s.add(entry("b", 2, "INFO", "x", "from b"));
        s.add(new LogEntry("b", -1, 3, "WARNING", 30, "messenger.log_service", "b lost 2", 2,
                JsonNodeFactory.instance.objectNode()));
        s.add(LogEntry.marker("a", 4, "a disconnected"));
        s.setFilter(Filter.ALL.withSource("b").withMinLevel(50));
        assertThat(shown(s)).containsExactly("b lost 2");
        s.setFilter(Filter.ALL.withSource("a").withMinLevel(50));
        assertThat(shown(s)).containsExactly("a disconnected");
        assertThat(s.filter().describe()).isEqualTo("source a level>=50");
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
        assertThat(shown(s)).containsExactly("m1", "m3", "m4");
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
