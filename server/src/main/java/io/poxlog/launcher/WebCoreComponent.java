package io.poxlog.launcher;

import io.poxlog.web.StaticFiles;
import io.poxlog.web.WebLimits;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code web.webcore}: the HTTP server that web components mount their handlers on (POX's
 * {@code web.webcore}), with its limits, its {@code Host} and {@code Origin} rules, TLS, and the
 * folders {@code --static} serves. The server is made in {@link #prepare}, so that every
 * component can mount on it in its own {@code start} ({@link ControllerRuntime#webServer}), and
 * listens in {@link #start}.
 */
final class WebCoreComponent implements Component {
    @Override
    public String name() {
        return "web.webcore";
    }

    @Override
    public String description() {
        return "the HTTP server web components mount on: --address (" + WebSettings.DEFAULT_ADDRESS + "; POX's is every "
                + "address) --port (" + WebSettings.DEFAULT_PORT + "; 0 = any free port) --static=PREFIX:DIR[,PREFIX:DIR...] "
                + "(serve folders) --allowed_hosts=NAME[,NAME...] (Host names answered besides the address, and "
                + "localhost on loopback) --allowed_origins=ORIGIN[,...] (pages of these origins may change state, "
                + "besides the server's own) --max_connections (" + WebLimits.DEFAULT_MAX_CONNECTIONS + ") "
                + "--max_connections_per_address (" + WebLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + ") "
                + "--max_header_bytes (" + WebLimits.DEFAULT_MAX_HEADER_BYTES + ": the request line, and the headers) "
                + "--max_body_bytes (" + WebLimits.DEFAULT_MAX_BODY_BYTES + ") --idle_timeout ("
                + WebLimits.DEFAULT_IDLE_TIMEOUT.toSeconds() + " seconds between requests, and for a request to "
                + "arrive; 0 = never) --max_hold (" + WebLimits.DEFAULT_MAX_HOLD.toSeconds() + " seconds a long poll "
                + "may be held) --tls_cert=FILE --tls_key=FILE --tls_protocols (as messenger.tcp_transport's)";
    }

    @Override
    public Set<String> options() {
        return Set.of("address", "port", "static", "allowed_hosts", "allowed_origins", "max_connections",
                "max_connections_per_address", "max_header_bytes", "max_body_bytes", "idle_timeout", "max_hold",
                "tls_cert", "tls_key", "tls_protocols");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        settings(r);
        folders(r);
    }

    private static WebSettings settings(ComponentRequest r) throws UsageException {
        WebLimits limits = WebLimits.DEFAULTS
                .withMaxConnections(r.intOption("max_connections", WebLimits.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000))
                .withMaxConnectionsPerAddress(r.intOption("max_connections_per_address",
                        WebLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 1, 1_000_000))
                .withMaxHeaderBytes(r.intOption("max_header_bytes", WebLimits.DEFAULT_MAX_HEADER_BYTES, 256,
                        1024 * 1024))
                .withMaxBodyBytes(r.intOption("max_body_bytes", WebLimits.DEFAULT_MAX_BODY_BYTES, 0,
                        Integer.MAX_VALUE))
                .withIdleTimeout(Duration.ofSeconds(r.intOption("idle_timeout",
                        (int) WebLimits.DEFAULT_IDLE_TIMEOUT.toSeconds(), 0, 86_400)))
                .withMaxHold(Duration.ofSeconds(r.intOption("max_hold",
                        (int) WebLimits.DEFAULT_MAX_HOLD.toSeconds(), 1, 3600)));
        try {
            return WebSettings.DEFAULTS
                    .withAddress(r.option("address", WebSettings.DEFAULT_ADDRESS),
                            r.intOption("port", WebSettings.DEFAULT_PORT, 0, 65535))
                    .withLimits(limits)
                    .withTls(TcpTransportComponent.tls(r))
                    .withAllowedHosts(list(r, "allowed_hosts"))
                    .withAllowedOrigins(list(r, "allowed_origins"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(r.name() + ": " + e.getMessage());
        }
    }

    private static List<String> list(ComponentRequest r, String option) throws UsageException {
        String v = r.option(option, null);
        if (v == null) {
            return List.of();
        }
        List<String> out = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (v.equals("true") || out.isEmpty()) {
            throw new UsageException(r.name() + ": --" + option + " needs a list, such as --" + option + "="
                    + (option.equals("allowed_hosts") ? "controller.example" : "https://ops.example"));
        }
        return out;
    }

    /** --static's folders by prefix, each checked to be a directory. */
    private static Map<String, StaticFiles> folders(ComponentRequest r) throws UsageException {
        Map<String, StaticFiles> out = new LinkedHashMap<>();
        String v = r.option("static", null);
        if (v == null) {
            return out;
        }
        for (String entry : v.equals("true") ? new String[] {""} : v.split(",")) {
            int colon = entry.indexOf(':');
            if (colon < 0 || entry.substring(colon + 1).isBlank()) {
                throw new UsageException(r.name() + ": --static takes PREFIX:DIR[,PREFIX:DIR...], such as "
                        + "--static=/static:www, not '" + entry + "'");
            }
            String prefix = entry.substring(0, colon).strip();
            prefix = prefix.startsWith("/") ? prefix : "/" + prefix;
            try {
                StaticFiles files = new StaticFiles(Path.of(entry.substring(colon + 1).strip()));
                if (out.put(normalized(prefix), files) != null) {
                    throw new UsageException(r.name() + ": --static names " + prefix + " twice");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(r.name() + ": --static: " + e.getMessage());
            }
        }
        return out;
    }

    private static String normalized(String prefix) {
        String p = prefix;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public void prepare(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        WebServer server = new WebServer(settings(r), () -> runtime.hasNexus() && runtime.nexus().authRequired());
        for (Map.Entry<String, StaticFiles> e : folders(r).entrySet()) {
            try {
                server.mount(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new UsageException(r.name() + ": --static: " + bad.getMessage());
            }
        }
        runtime.webServer(server);
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        WebServer server = runtime.webServer();
        try {
            server.start();
        } catch (IOException e) {
            boolean inUse = e.getCause() instanceof BindException || String.valueOf(e.getMessage()).contains("in use");
            throw new IOException(r.name() + " " + e.getMessage() + (inUse ? ": another program (another controller?) "
                    + "has that port; give " + r.name() + " another --port (0: any free one)" : ""), e);
        }
        runtime.onStop(server::stop);
        runtime.listeningOn(server.boundAddress());
    }
}
