package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.model.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code :write} as the job thread runs it. */
class RecordWriterTest {
    @Test
    void aWriteCalledOffLeavesTheFileAsItWasAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        try (RecordStore store = new RecordStore(100)) {
            for (int i = 0; i < 10; i++) {
                store.add(LogEntry.ofBytes("c:1", i, i, "INFO", 20, "a", "m" + i, 0,
                        ("{\"message\":\"m" + i + "\"}").getBytes()));
            }
            Path file = dir.resolve("kept.jsonl");
            Files.writeString(file, "what was there\n");
            MessageLine messages = new MessageLine();
            Jobs.Progress p = new Jobs.Progress("writing", "records");
            p.cancel();
            RecordWriter w = new RecordWriter(store, file.toString(), true, false, messages);
            assertThatThrownBy(() -> w.run(p)).isInstanceOf(Scan.Cancelled.class);
            assertThat(Files.readAllLines(file)).containsExactly("what was there");
            try (var files = Files.list(dir)) {
                assertThat(files).containsExactly(file);
            }

            new RecordWriter(store, file.toString(), true, false, messages).run(new Jobs.Progress("writing", "records")).run();
            assertThat(messages.text(System.nanoTime())).isEqualTo("wrote 10 records to " + file);
            assertThat(Files.readAllLines(file)).hasSize(10).first().isEqualTo("{\"message\":\"m0\"}");
        }
    }

    @Test
    void theSystemsReasonIsWordedAsTheSystemWordsIt() {
        assertThat(RecordWriter.reason(new java.nio.file.NoSuchFileException("/x"))).isEqualTo("No such file or directory");
        assertThat(RecordWriter.reason(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("Permission denied");
        assertThat(RecordWriter.reason(new java.nio.file.FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(List.of(RecordWriter.reason(new java.io.IOException("Read-only file system")))).containsExactly(
                "Read-only file system");
    }
}
