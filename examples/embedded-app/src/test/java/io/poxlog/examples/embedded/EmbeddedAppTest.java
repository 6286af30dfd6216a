package io.poxlog.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.LogEntry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's embedding recipe, run: {@link InventoryApp} with its own logback.xml, started as a
 * process on the class path its POM gives it, tailed and re-levelled with the viewer's client.
 */
class EmbeddedAppTest {
    private static final Pattern PLACED = Pattern.compile(" INFO  app\\.orders - order (\\d+) placed$");

    @Test
    void theApplicationIsTailedItsLevelChangedAndItsOwnFileMissesNothing(@TempDir Path dir) throws Exception {
        Queue<LogEntry> seen = new ConcurrentLinkedQueue<>();
        Queue<SourceStatus> states = new ConcurrentLinkedQueue<>();
        try (AppProcess app = AppProcess.start(dir, AppProcess.classPath(null), "inventory.messenger.port=0")) {
            int port = app.awaitPort();
            SubscriptionOptions everything = SubscriptionOptions.defaults().withBacklog(SubscriptionOptions.ALL_RETAINED);
            try (LogSubscription sub = new LogSubscription("127.0.0.1", port, everything, new LogListener() {
                @Override
                public void onRecord(LogEntry entry) {
                    seen.add(entry);
                }

                @Override
                public void onStatus(SourceStatus status) {
                    states.add(status);
                }
            }).start()) {
                await("an order record tailed", () -> seen.stream().anyMatch(e -> e.logger().equals("app.orders")
                        && e.message().matches("order \\d+ placed")));
                await("connected", () -> sub.status().state() == ConnectionState.CONNECTED);
                // Logged before the messenger had started (it waits for SLF4J): kept for it.
                await("the application's first record, in the backlog", () -> seen.stream()
                        .anyMatch(e -> e.logger().equals("app") && e.message().equals("inventory up")));
                assertThat(seen).noneMatch(e -> e.levelName().equals("DEBUG"));
                assertThat(sub.setLevel("app.orders", "DEBUG").queued()).isTrue();
                await("a DEBUG record tailed", () -> seen.stream().anyMatch(e -> e.levelName().equals("DEBUG")
                        && e.logger().equals("app.orders") && e.message().matches("order \\d+ has \\d items")));
                app.awaitLogLine("a DEBUG line in the application's own file", l -> l.contains(" DEBUG app.orders - order "));
            }
            app.stop();

            List<String> file = app.logLines();
            List<Long> placed = new ArrayList<>();
            for (String l : file) {
                Matcher m = PLACED.matcher(l);
                if (m.find()) {
                    placed.add(Long.parseLong(m.group(1)));
                }
            }
            long n = placed.size();
            assertThat(n).isPositive();
            for (int i = 0; i < n; i++) {
                assertThat(placed.get(i)).as("the file's order records are every order, in order").isEqualTo(i + 1L);
            }
            assertThat(file.get(file.size() - 1)).endsWith(" INFO  app - stopping after " + n + " orders");
            for (LogEntry e : seen) {
                if (e.logger().startsWith("app")) {
                    assertThat(file).as("the file has what the viewer was sent")
                            .anySatisfy(l -> assertThat(l).endsWith(" " + e.logger() + " - " + e.message()));
                }
            }
            // A normal configuration starts quietly: no SLF4J replay warning, no logback status.
            assertThat(app.stderr()).isEmpty();
            assertThat(app.stdout()).noneMatch(l -> l.contains("SLF4J") || l.contains("|-WARN") || l.contains("|-ERROR"))
                    .anyMatch(l -> l.equals("INFO  app - inventory up"));
        }
    }

    @Test
    void aMissingClassIsAnErrorAndTheApplicationGoesOnLogging(@TempDir Path dir) throws Exception {
        // The jar alone, without what it needs (README's old recipe): the appender, not the
        // application, fails.
        try (AppProcess app = AppProcess.start(dir, AppProcess.classPath("jctools"), "inventory.messenger.port=0")) {
            String error = app.awaitLogLine("the messenger's error", l -> l.contains("ERROR messenger - "));
            assertThat(error).contains("did not start").contains("class org.jctools.queues.")
                    .contains("depend on io.poxlog:poxlog-server");
            app.awaitLogLine("the application logging on", l -> l.endsWith("order 25 placed"));
            assertThat(app.isAlive()).isTrue();
            app.stop();
            assertThat(app.logLines().get(app.logLines().size() - 1)).contains(" INFO  app - stopping after ");
            // Said on the application's console too, where its operator looks.
            assertThat(app.stdout()).anyMatch(l -> l.startsWith("ERROR messenger - The messenger log service did not start")
                    && l.contains("class org.jctools."));
        }
    }

    @Test
    void aPortInUseIsAnErrorAtStartAndTheApplicationGoesOnLogging(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             AppProcess app = AppProcess.start(dir, AppProcess.classPath(null), "inventory.messenger.port=" + taken.getLocalPort())) {
            app.awaitLogLine("the application logging on", l -> l.endsWith("order 25 placed"));
            assertThat(app.stdout()).anyMatch(l -> l.contains("|-ERROR") && l.contains("MessengerAppender cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()));
            app.stop();
            assertThat(app.logLines()).noneMatch(l -> l.contains("Listening on"));
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AppProcess.DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }
}
