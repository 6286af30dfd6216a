package io.poxlog.bench;

import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 6, {@code viewer_ingest_records_per_s}: the viewer's own subscription and record store
 * (no screen) fed by a flood, paced by how far the store lags.
 */
final class ViewerIngestScenario {
    private final long millis;

    ViewerIngestScenario(boolean quick) {
        this.millis = quick ? 3_000 : 10_000;
    }

    Map<String, Object> run() throws Exception {
        RecordStore store = new RecordStore(RecordStore.DEFAULT_CAPACITY);
        try (BenchController c = BenchController.withMessenger();
             LogSubscription sub = new LogSubscription("127.0.0.1", c.address().getPort(), SubscriptionOptions.defaults(),
                     new LogListener() {
                         @Override
                         public void onRecord(LogEntry entry) {
                             store.add(entry);
                         }

                         @Override
                         public void onStatus(SourceStatus status) {
                         }
                     }).start()) {
            Pace.await("viewer subscribed", 10_000, () -> sub.status().state() == ConnectionState.CONNECTED);
            // Connected is not yet joined: records logged before the join are never sent, and
            // the producer would wait for them for good. One record first, then the flood.
            c.logPacketIn(-1);
            Pace.await("the viewer's first record", 10_000, () -> store.received() > 0);
            // Records the server reports lost (gap notices) are accounted for too.
            Flooder f = new Flooder(() -> store.received() - 1 + store.dropped(), 50_000, c::logPacketIn);
            f.until(System.nanoTime() + 1_000_000_000L); // warm-up
            long base = store.received();
            long cpu0 = ProcessCpu.nanos();
            long t0 = System.nanoTime();
            f.until(t0 + millis * 1_000_000);
            long received = store.received() - base;
            double rate = received / ((System.nanoTime() - t0) / 1e9);
            long cpu = ProcessCpu.nanos() - cpu0;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("viewer_ingest_records_per_s", Math.round(rate));
            out.put("viewer_ingest_cpu_ns_per_record", cpu / received);
            return out;
        }
    }
}
