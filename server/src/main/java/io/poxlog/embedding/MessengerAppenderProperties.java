package io.poxlog.embedding;

import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LoggerLimits;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.web.WebSettings;

/**
 * The {@link MessengerAppender}'s bean properties, as logback.xml sets them (README.md,
 * "Embedding"), with their defaults: {@code bin/controller}'s own constants. Each setter only
 * records its value in the {@link EmbeddingPlan}, which checks them all when the appender starts;
 * nothing here starts, checks or logs anything.
 *
 * <p>Logback's configurator sets the properties before {@code start()}, on its own thread; the
 * getters may be called from any thread once it is done.
 */
public abstract class MessengerAppenderProperties extends LogServiceAppender {
    // The defaults are bin/controller's: the same constants.
    public static final String DEFAULT_ADDRESS = TcpTransport.DEFAULT_ADDRESS;
    public static final int DEFAULT_PORT = TcpTransport.DEFAULT_PORT;
    public static final int DEFAULT_RETAIN = LogServiceConfig.DEFAULT_RETAIN;
    public static final int DEFAULT_QUEUE_SIZE = LogServiceConfig.DEFAULT_QUEUE_SIZE;
    public static final int DEFAULT_MAX_RECORD_BYTES = LogServiceConfig.DEFAULT_MAX_RECORD_BYTES;
    public static final int DEFAULT_MAX_REMOTE_LOGGERS = LoggerLimits.DEFAULT_MAX_CREATED_LOGGERS;
    public static final int DEFAULT_MAX_LEVEL_FOR = LogServiceConfig.DEFAULT_MAX_LEVEL_FOR;
    public static final int DEFAULT_MAX_FRAME_BYTES = TcpSettings.DEFAULT_MAX_FRAME_BYTES;
    public static final int DEFAULT_MAX_CONNECTIONS = ConnectionLimits.DEFAULT_MAX_CONNECTIONS;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    public static final int DEFAULT_MESSAGES_PER_SECOND = ConnectionLimits.DEFAULT_MESSAGES_PER_SECOND;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
    public static final String DEFAULT_WEB_ADDRESS = WebSettings.DEFAULT_ADDRESS;

    /** The properties as set: {@link MessengerAppender} turns them into component requests. */
    final EmbeddingPlan plan = new EmbeddingPlan();

    MessengerAppenderProperties() {
    }

    /** Where the TCP transport listens: {@value #DEFAULT_ADDRESS}, loopback, by default. */
    public void setAddress(String address) {
        plan.set("address", address);
    }

    public String getAddress() {
        return plan.address();
    }

    /** The TCP port: {@value #DEFAULT_PORT} by default; 0 for any free port. */
    public void setPort(int port) {
        plan.set("port", port);
    }

    public int getPort() {
        return plan.port();
    }

    /** A tokens file ({@code token role} per line): clients must then authenticate. None by default. */
    public void setTokensFile(String file) {
        plan.set("tokensFile", file);
    }

    public String getTokensFile() {
        return plan.string("tokensFile");
    }

    /** A PEM certificate chain: clients must then use TLS (with {@link #setTlsKey}). None by default. */
    public void setTlsCert(String file) {
        plan.set("tlsCert", file);
    }

    public String getTlsCert() {
        return plan.string("tlsCert");
    }

    /** The unencrypted PKCS#8 PEM private key of {@link #setTlsCert}'s certificate. */
    public void setTlsKey(String file) {
        plan.set("tlsKey", file);
    }

    public String getTlsKey() {
        return plan.string("tlsKey");
    }

    /** TLS versions accepted, comma-separated: {@code TLSv1.3} by default. */
    public void setTlsProtocols(String protocols) {
        plan.set("tlsProtocols", protocols);
    }

    public String getTlsProtocols() {
        return plan.string("tlsProtocols");
    }

    /** Records kept for backlog and since: {@value #DEFAULT_RETAIN} by default. */
    public void setRetain(int retain) {
        plan.set("retain", retain);
    }

    public int getRetain() {
        return plan.retain();
    }

    /** Records waiting between the application's threads and the service: {@value #DEFAULT_QUEUE_SIZE}. */
    public void setQueueSize(int queueSize) {
        plan.set("queueSize", queueSize);
    }

    public int getQueueSize() {
        return plan.queueSize();
    }

    /** The most bytes one record may become for one subscriber: {@value #DEFAULT_MAX_RECORD_BYTES}. */
    public void setMaxRecordBytes(int bytes) {
        plan.set("maxRecordBytes", bytes);
    }

    public int getMaxRecordBytes() {
        return plan.intValue("maxRecordBytes", DEFAULT_MAX_RECORD_BYTES);
    }

    /** Loggers that level commands and injected records may create: {@value #DEFAULT_MAX_REMOTE_LOGGERS}. */
    public void setMaxRemoteLoggers(int loggers) {
        plan.set("maxRemoteLoggers", loggers);
    }

    public int getMaxRemoteLoggers() {
        return plan.intValue("maxRemoteLoggers", DEFAULT_MAX_REMOTE_LOGGERS);
    }

    /**
     * Seconds: when above 0, every remote level change is timed, at most that long (README.md,
     * "Timed level changes"). {@value #DEFAULT_MAX_LEVEL_FOR}, off, by default.
     */
    public void setMaxLevelFor(int seconds) {
        plan.set("maxLevelFor", seconds);
    }

    public int getMaxLevelFor() {
        return plan.intValue("maxLevelFor", DEFAULT_MAX_LEVEL_FOR);
    }

    /** Whether records carry file, line and function: false by default (it costs every call). */
    public void setIncludeCallerData(boolean include) {
        plan.set("includeCallerData", include);
    }

    public boolean isIncludeCallerData() {
        return plan.includeCallerData();
    }

    /** The largest message a client may send: {@value #DEFAULT_MAX_FRAME_BYTES} bytes. */
    public void setMaxFrameBytes(int bytes) {
        plan.set("maxFrameBytes", bytes);
    }

    public int getMaxFrameBytes() {
        return plan.intValue("maxFrameBytes", DEFAULT_MAX_FRAME_BYTES);
    }

    /** Connections in all: {@value #DEFAULT_MAX_CONNECTIONS}. */
    public void setMaxConnections(int n) {
        plan.set("maxConnections", n);
    }

    public int getMaxConnections() {
        return plan.intValue("maxConnections", DEFAULT_MAX_CONNECTIONS);
    }

    /** Connections from one address (an IPv6 /64 is one): {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}. */
    public void setMaxConnectionsPerAddress(int n) {
        plan.set("maxConnectionsPerAddress", n);
    }

    public int getMaxConnectionsPerAddress() {
        return plan.intValue("maxConnectionsPerAddress", DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** Messages per second one connection may send (bursts of twice that): {@value #DEFAULT_MESSAGES_PER_SECOND}. */
    public void setMaxMessagesPerSecond(int n) {
        plan.set("maxMessagesPerSecond", n);
    }

    public int getMaxMessagesPerSecond() {
        return plan.intValue("maxMessagesPerSecond", DEFAULT_MESSAGES_PER_SECOND);
    }

    /** Seconds a client has to authenticate: {@value #DEFAULT_HANDSHAKE_TIMEOUT_SECONDS}. */
    public void setHandshakeTimeout(int seconds) {
        plan.set("handshakeTimeout", seconds);
    }

    public int getHandshakeTimeout() {
        return plan.intValue("handshakeTimeout", DEFAULT_HANDSHAKE_TIMEOUT_SECONDS);
    }

    /** Seconds a connection in no channel may send nothing (0 = never): {@value #DEFAULT_IDLE_TIMEOUT_SECONDS}. */
    public void setIdleTimeout(int seconds) {
        plan.set("idleTimeout", seconds);
    }

    public int getIdleTimeout() {
        return plan.intValue("idleTimeout", DEFAULT_IDLE_TIMEOUT_SECONDS);
    }

    /**
     * The web server's port ({@code web.webcore}, which the web transports are served on): off
     * while unset, the default; 0 for any free port.
     */
    public void setWebPort(int port) {
        plan.set("webPort", port);
    }

    /** The web server's port, or -1 while it is off. */
    public int getWebPort() {
        return plan.web() ? plan.intValue("webPort", -1) : -1;
    }

    /** Where the web server listens (with {@link #setWebPort}): {@value #DEFAULT_WEB_ADDRESS}, loopback, by default. */
    public void setWebAddress(String address) {
        plan.set("webAddress", address);
    }

    public String getWebAddress() {
        String a = plan.string("webAddress");
        return a == null ? DEFAULT_WEB_ADDRESS : a;
    }

    /**
     * Whether the messenger is served over WebSocket too, at {@code /_webmsg/ws} on the web server
     * ({@link #setWebPort}, which it needs): false by default. Its options go in {@link #setComponents}
     * ({@code messenger.ws_transport --ping_interval=10} instead of this property).
     */
    public void setWsTransport(boolean on) {
        plan.set("wsTransport", on);
    }

    public boolean isWsTransport() {
        return plan.bool("wsTransport");
    }

    /**
     * Whether the messenger is served over POX's comet transport too, at {@code /_webmsg/} on the
     * web server ({@link #setWebPort}, which it needs): false by default. Its options go in
     * {@link #setComponents} ({@code messenger.web_transport --...} instead of this property).
     */
    public void setCometTransport(boolean on) {
        plan.set("cometTransport", on);
    }

    public boolean isCometTransport() {
        return plan.bool("cometTransport");
    }

    /**
     * Whether the messenger is served over POX's JSON-RPC transport too (POXDesk's), at
     * {@code /_jrpcmsg/} on the web server ({@link #setWebPort}, which it needs): false by default.
     * Its options go in {@link #setComponents} ({@code messenger.ajax_transport --...}).
     */
    public void setJsonRpcTransport(boolean on) {
        plan.set("jsonRpcTransport", on);
    }

    public boolean isJsonRpcTransport() {
        return plan.bool("jsonRpcTransport");
    }

    /** Whether the example services (echo, upper, greet) run too: false by default. */
    public void setExamples(boolean examples) {
        plan.set("examples", examples);
    }

    public boolean isExamples() {
        return plan.bool("examples");
    }

    /**
     * More components, as bin/controller's command line names them, started after the others:
     * e.g. {@code messenger.tcp_transport:active --address=hub.example --port=7790}. None by default.
     */
    public void setComponents(String commandLine) {
        plan.set("components", commandLine);
    }

    public String getComponents() {
        return plan.string("components");
    }
}
