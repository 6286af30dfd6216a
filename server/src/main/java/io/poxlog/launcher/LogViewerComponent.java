package io.poxlog.launcher;

import io.poxlog.web.ClasspathFiles;
import io.poxlog.web.LogViewer;
import io.poxlog.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code web.log_viewer}: the browser log viewer, its page and assets from the server's jar,
 * mounted on {@code web.webcore} at {@code /} and {@code --path} ({@code /log/}). The page is an
 * ordinary log subscriber over {@code messenger.ws_transport}, so both must be loaded; like that
 * transport it refuses to start without them, saying what to load. Once the server listens it
 * logs the page's URL ({@code log viewer: http://127.0.0.1:8000/}), with the real port.
 */
final class LogViewerComponent implements Component {
    private static final Logger log = LoggerFactory.getLogger("web.log_viewer");
    static final String WS_TRANSPORT = "messenger.ws_transport";

    private final String resources;

    LogViewerComponent() {
        this(LogViewer.RESOURCES);
    }

    /** Serving another class path folder: tests serve a page of their own. */
    LogViewerComponent(String resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "web.log_viewer";
    }

    @Override
    public String description() {
        return "the log viewer in a browser, at / and --path (" + LogViewer.DEFAULT_PATH + "/) on web.webcore, "
                + "subscribing over " + WS_TRANSPORT + " (load both)";
    }

    @Override
    public Set<String> options() {
        return Set.of("path");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        path(r);
    }

    private static String path(ComponentRequest r) throws UsageException {
        String p = r.option("path", LogViewer.DEFAULT_PATH);
        if (!p.startsWith("/") || p.equals("true") || p.contains("//") || p.contains("?") || p.contains("#")
                || p.contains("%") || p.contains("\\") || p.chars().anyMatch(c -> c <= ' ' || c == 0x7f)
                || List.of(p.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            throw new UsageException(r.name() + ": --path is a path such as /log, not '" + p + "'");
        }
        return p;
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        WebServer server = runtime.webServer();
        List<String> missing = new ArrayList<>();
        if (server == null) {
            missing.add("web.webcore");
        }
        if (!runtime.requested().contains(WS_TRANSPORT)) {
            missing.add(WS_TRANSPORT);
        }
        if (!missing.isEmpty()) {
            throw new UsageException(r.name() + " needs " + String.join(" and ", missing) + ": bin/controller messenger "
                    + "messenger.log_service web.webcore " + WS_TRANSPORT + " " + r.name() + " ...");
        }
        ClasspathFiles files = LogViewer.files(LogViewerComponent.class.getClassLoader(), resources);
        if (!files.has("index.html")) {
            log.warn("The log viewer's page is missing: no {}index.html on the class path (a jar built without "
                    + "it?); its URLs answer 404", resources);
        }
        String path = path(r);
        List<String> mounted;
        try {
            mounted = LogViewer.mountOn(server, path, files);
        } catch (IllegalStateException taken) {
            throw new UsageException(r.name() + ": --path " + path + ": " + taken.getMessage());
        }
        runtime.onStop(() -> mounted.forEach(server::unmount));
        // "/" is the URL to give when the viewer has it; a --static folder may have taken it
        String shown = mounted.contains("/") ? "/" : mounted.get(0);
        server.whenListening(bound -> log.info("log viewer: {}", LogViewer.url(server.settings(), bound, shown)));
    }
}
