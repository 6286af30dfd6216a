package io.poxlog.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.poxlog.embedding.MessengerAppender;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.LogEntry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * README's fleet recipe, {@code logback-with-opentelemetry.xml}: our appender beside
 * OpenTelemetry's, the SDK exporting to memory. A record reaches both with the same logger,
 * level and message.
 */
class OpenTelemetryBesideTest {

    @Test
    void aRecordReachesTheViewerAndTheCollectorAlike() throws Exception {
        InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setLoggerProvider(SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()).build();
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's own context has
        ctx.putProperty("inventory.messenger.port", "0");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(OpenTelemetryBesideTest.class.getResource("/logback-with-opentelemetry.xml"));
        ((OpenTelemetryAppender) ctx.getLogger("ROOT").getAppender("otel")).setOpenTelemetry(sdk);
        InetSocketAddress address = ((MessengerAppender) ctx.getLogger("ROOT").getAppender("messenger")).boundAddress();
        Queue<LogEntry> seen = new ConcurrentLinkedQueue<>();
        List<LogRecordData> exportedAll;
        try (LogSubscription sub = new LogSubscription("127.0.0.1", address.getPort(), SubscriptionOptions.defaults(),
                new LogListener() {
                    @Override
                    public void onRecord(LogEntry entry) {
                        seen.add(entry);
                    }

                    @Override
                    public void onStatus(SourceStatus status) {
                    }
                }).start()) {
            long deadline = System.nanoTime() + AppProcess.DEADLINE.toNanos();
            long n = 0;
            // Logged until the viewer has one: it may join after the first few.
            while (seen.stream().noneMatch(e -> e.logger().equals("app.orders"))) {
                assertThat(System.nanoTime()).as("a record tailed within " + AppProcess.DEADLINE).isLessThan(deadline);
                ctx.getLogger("app.orders").warn("order {} short of stock", ++n);
                LockSupport.parkNanos(20_000_000);
            }
        } finally {
            ctx.stop();
            exportedAll = exporter.getFinishedLogRecordItems(); // before close, which clears them
            sdk.close();
        }
        LogEntry tailed = seen.stream().filter(e -> e.logger().equals("app.orders")).findFirst().orElseThrow();
        assertThat(tailed.levelName()).isEqualTo("WARNING"); // POX's name for logback's WARN
        LogRecordData exported = exportedAll.stream()
                .filter(r -> r.getBody().asString().equals(tailed.message())).findFirst()
                .orElseThrow(() -> new AssertionError("not exported: " + tailed.message() + "; exported: "
                        + exportedAll));
        assertThat(exported.getInstrumentationScopeInfo().getName()).isEqualTo(tailed.logger());
        assertThat(exported.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(exported.getSeverityText()).isEqualTo("WARN");
    }
}
