package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.JsonLines;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.model.Scan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code :write FILE} and {@code :write! FILE}, as a {@link Jobs} job: the shown records as JSON
 * lines, each whole as received but without the transport's {@code CHANNEL}, into a temporary
 * file beside FILE that becomes FILE only when every record is in it. So a write that fails or
 * is cancelled leaves FILE as it was, and {@code :write} never replaces a file that exists
 * ({@code :write!} does). Failures say the operating system's reason. Every file operation runs
 * on the job thread: a slow or hung file system never stalls the UI.
 */
final class RecordWriter implements Jobs.Job {
    private final RecordStore store;
    private final String given;
    private final Path target;
    private final boolean replace;
    private final boolean withSource;
    private final MessageLine messages;

    /** @param given FILE as typed, for messages; {@code ~/} means the home directory */
    RecordWriter(RecordStore store, String given, boolean replace, boolean withSource, MessageLine messages) {
        this.store = store;
        this.given = given;
        this.target = Path.of(given.startsWith("~/") ? System.getProperty("user.home") + given.substring(1) : given)
                .toAbsolutePath();
        this.replace = replace;
        this.withSource = withSource;
        this.messages = messages;
    }

    @Override
    public Runnable run(Jobs.Progress p) {
        if (Files.isDirectory(target)) {
            return () -> messages.complain("cannot write " + given + ": Is a directory");
        }
        if (!replace && Files.exists(target)) {
            return () -> messages.complain(given + " exists; :write! " + given + " replaces it");
        }
        // "The records shown" means the whole view: a regex filter still being applied would
        // leave it partial, so wait for it here, off the UI thread (Esc still calls it off).
        try {
            while (!store.awaitView(java.time.Duration.ofMillis(100))) {
                if (p.cancelled()) {
                    throw new Scan.Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Scan.Cancelled();
        }
        List<LogEntry> shown = store.viewSnapshot();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".pox-log-tmp");
            int written = 0;
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (LogEntry e : shown) {
                    if (p.cancelled()) {
                        throw new Scan.Cancelled();
                    }
                    if (!e.isMarker()) { // the viewer's own rows are not the controller's records
                        w.write(JsonLines.saved(e, withSource));
                        w.write('\n');
                        p.set(++written, shown.size());
                    }
                }
            }
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, target); // refuses, should FILE have appeared meanwhile
            }
            tmp = null;
            int n = written;
            return () -> messages.say(String.format(Locale.ROOT, "wrote %,d record%s to %s", n, n == 1 ? "" : "s", target));
        } catch (IOException e) {
            String why = reason(e);
            return () -> messages.complain("cannot write " + given + ": " + why);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the reason already told is the one that matters
                }
            }
        }
    }

    /** The operating system's reason, as it words it ({@code strerror}), where Java keeps only a type. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "File exists (:write! replaces it)";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
