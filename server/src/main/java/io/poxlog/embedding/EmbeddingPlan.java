package io.poxlog.embedding;

import io.poxlog.launcher.ComponentRequest;
import io.poxlog.launcher.Controller;
import io.poxlog.launcher.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MessengerAppender}'s properties as the launcher's component requests, so that the
 * appender and {@code bin/controller} start the same components by the same code, with the same
 * defaults, checks and warnings: {@code messenger}, {@code messenger.tcp_transport},
 * {@code messenger.log_service}, {@code web.webcore} when {@code webPort} is set, the web
 * transports switched on ({@code wsTransport}, {@code cometTransport}, {@code jsonRpcTransport}), {@code messenger.example} when asked, then any
 * {@code components} given. Each property is checked on its own (so that every bad one is told)
 * by the component it configures.
 *
 * <p>A web transport is a boolean property named after it ({@code wsTransport}), listed in
 * {@link #WEB_TRANSPORTS}: each needs the web server, and takes its own options, if any, through
 * {@code components}.
 */
final class EmbeddingPlan {
    private static final Map<String, Property> PROPERTIES = new LinkedHashMap<>();

    static {
        for (Property p : List.of(
                new Property("tokensFile", Property.MESSENGER, "tokens"),
                new Property("address", Property.TCP, "tcp_address"),
                new Property("port", Property.TCP, "tcp_port"),
                new Property("maxFrameBytes", Property.TCP, "max_frame_bytes"),
                new Property("maxConnections", Property.TCP, "max_connections"),
                new Property("maxConnectionsPerAddress", Property.TCP, "max_connections_per_address"),
                new Property("maxMessagesPerSecond", Property.TCP, "max_messages_per_second"),
                new Property("handshakeTimeout", Property.TCP, "handshake_timeout"),
                new Property("idleTimeout", Property.TCP, "idle_timeout"),
                new Property("tlsCert", Property.TCP, "tls_cert"),
                new Property("tlsKey", Property.TCP, "tls_key"),
                new Property("tlsProtocols", Property.TCP, "tls_protocols"),
                new Property("retain", Property.LOG_SERVICE, "retain"),
                new Property("queueSize", Property.LOG_SERVICE, "queue_size"),
                new Property("maxRecordBytes", Property.LOG_SERVICE, "max_record_bytes"),
                new Property("maxRemoteLoggers", Property.LOG_SERVICE, "max_remote_loggers"),
                new Property("maxLevelFor", Property.LOG_SERVICE, "max_level_for"),
                new Property("includeCallerData", Property.LOG_SERVICE, "caller_data"),
                new Property("webAddress", Property.WEB, "address"),
                new Property("webPort", Property.WEB, "port"))) {
            PROPERTIES.put(p.name(), p);
        }
    }

    /** The web transports, each switched on by a boolean property of its name, in the order they start. */
    static final Map<String, String> WEB_TRANSPORTS = new LinkedHashMap<>();

    static {
        WEB_TRANSPORTS.put("wsTransport", Property.WS);
        WEB_TRANSPORTS.put("cometTransport", Property.COMET);
        WEB_TRANSPORTS.put("jsonRpcTransport", Property.JSON_RPC);
    }

    /** The properties set, as given (strings trimmed; a blank string is no setting). */
    private final Map<String, Object> values = new LinkedHashMap<>();

    void set(String property, Object value) {
        if (value instanceof String s && s.isBlank()) {
            values.remove(property);
        } else {
            values.put(property, value instanceof String s ? s.strip() : value);
        }
    }

    String string(String property) {
        Object v = values.get(property);
        return v == null ? null : v.toString();
    }

    int intValue(String property, int fallback) {
        return values.get(property) instanceof Integer i ? i : fallback;
    }

    boolean bool(String property) {
        return Boolean.TRUE.equals(values.get(property));
    }

    String address() {
        String a = string("address");
        return a == null ? MessengerAppender.DEFAULT_ADDRESS : a;
    }

    int port() {
        return intValue("port", MessengerAppender.DEFAULT_PORT);
    }

    int queueSize() {
        return intValue("queueSize", MessengerAppender.DEFAULT_QUEUE_SIZE);
    }

    int retain() {
        return intValue("retain", MessengerAppender.DEFAULT_RETAIN);
    }

    boolean includeCallerData() {
        return bool("includeCallerData");
    }

    /**
     * Every bad property, each with its value and what is wrong, checked by the component it
     * configures; empty when all are good. Reads the tokens file; the TLS files are only found
     * readable here (they are parsed as the transport starts: parsing loads Netty, which logs).
     */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Property p = PROPERTIES.get(e.getKey());
            if (p == null || p.option().startsWith("tls_")) {
                continue;
            }
            try {
                Controller.validate(List.of(new ComponentRequest(p.component(), Map.of(p.option(), e.getValue().toString()))));
            } catch (UsageException bad) {
                out.add("<" + e.getKey() + ">" + e.getValue() + "</" + e.getKey() + ">: " + bad.getMessage());
            }
        }
        tlsProblem(out);
        webProblem(out);
        String more = string("components");
        if (more != null) {
            try {
                Controller.validate(extraRequests(more));
            } catch (UsageException bad) {
                out.add("<components>" + more + "</components>: " + bad.getMessage());
            }
        }
        return out;
    }

    private void tlsProblem(List<String> out) {
        String cert = string("tlsCert");
        String key = string("tlsKey");
        if (cert == null && key == null) {
            if (string("tlsProtocols") != null) {
                out.add("<tlsProtocols>" + string("tlsProtocols") + "</tlsProtocols> needs tlsCert and tlsKey");
            }
            return;
        }
        if (cert == null || key == null) {
            out.add("TLS needs both tlsCert and tlsKey, not only " + (cert == null ? "tlsKey " + key : "tlsCert " + cert));
            return;
        }
        for (String[] f : new String[][] {{"tlsCert", cert}, {"tlsKey", key}}) {
            Path path = Path.of(f[1]);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                out.add("<" + f[0] + ">" + f[1] + "</" + f[0] + ">: cannot read " + f[1]
                        + (Files.exists(path) ? "" : ": no such file"));
            }
        }
    }

    /** Whether the web server starts: {@code webPort} set (0 for any free port). */
    boolean web() {
        return values.containsKey("webPort");
    }

    private void webProblem(List<String> out) {
        if (web()) {
            return;
        }
        if (string("webAddress") != null) {
            out.add("<webAddress>" + string("webAddress") + "</webAddress> needs webPort: the web server is off without it");
        }
        WEB_TRANSPORTS.keySet().stream().filter(this::bool).forEach(t -> out.add("<" + t + ">true</" + t
                + "> needs webPort: it is served by the web server, which is off without it"));
    }

    /** The components to start, in order, as bin/controller would be given them. */
    List<ComponentRequest> requests() {
        Map<String, Map<String, String>> options = new LinkedHashMap<>();
        // The log service before the transport, so that the first client to connect finds the log
        // channel (MessengerAppender.stop lets the service send what it holds first).
        for (String c : List.of(Property.MESSENGER, Property.LOG_SERVICE, Property.TCP)) {
            options.put(c, new LinkedHashMap<>());
        }
        if (web()) {
            options.put(Property.WEB, new LinkedHashMap<>());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Property p = PROPERTIES.get(e.getKey());
            if (p != null && options.containsKey(p.component())) {
                options.get(p.component()).put(p.option(), e.getValue().toString());
            }
        }
        List<ComponentRequest> out = new ArrayList<>();
        options.forEach((name, opts) -> out.add(new ComponentRequest(name, opts)));
        WEB_TRANSPORTS.forEach((property, component) -> {
            if (bool(property)) {
                out.add(new ComponentRequest(component, Map.of()));
            }
        });
        if (bool("examples")) {
            out.add(new ComponentRequest(Property.EXAMPLES, Map.of()));
        }
        String more = string("components");
        if (more != null) {
            try {
                out.addAll(extraRequests(more));
            } catch (UsageException e) {
                throw new IllegalStateException(e.getMessage(), e); // problems() said so first
            }
        }
        return out;
    }

    private static List<ComponentRequest> extraRequests(String commandLine) throws UsageException {
        return ComponentRequest.parse(Arrays.asList(commandLine.strip().split("\\s+")));
    }

    /** The requests as a bin/controller command line, for the appender's status. */
    List<String> commandLine() {
        List<String> out = new ArrayList<>();
        for (ComponentRequest r : requests()) {
            out.add(r.name());
            r.options().forEach((k, v) -> out.add("--" + k + "=" + v));
        }
        return out;
    }
}
