package io.poxlog.logservice;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.transport.tcp.ServerTls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The logback appender that feeds the log service.
 *
 * <p>Two ways to use it. {@code bin/controller}'s {@code messenger.log_service} attaches one to
 * the root logger, bound to a running {@link LogService}. Or declare it in any application's
 * {@code logback.xml}: on {@link #start} it then starts a messenger, its TCP transport and the
 * log service inside that application, configured by the properties below (see README.md,
 * "Embedding"), and {@link #stop} stops them.
 *
 * <p>{@link #append} runs on the application's logging threads and only enqueues: no lock shared
 * with I/O, no wait, no socket write. It never throws into the application.
 */
public class MessengerAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private volatile LogService service;
    private EmbeddedMessenger embedded;
    private boolean includeCallerData;

    // Embedding properties (logback.xml), with the defaults of bin/controller.
    private String address = "127.0.0.1";
    private int port = 7790;
    private int retain = LogServiceConfig.DEFAULT_RETAIN;
    private int queueSize = LogServiceConfig.DEFAULT_QUEUE_SIZE;
    private int maxRecordBytes = LogServiceConfig.DEFAULT_MAX_RECORD_BYTES;
    private int maxFrameBytes = io.poxlog.messenger.transport.tcp.TcpSettings.DEFAULT_MAX_FRAME_BYTES;
    private boolean examples;
    private String tokensFile;
    private String tlsCert;
    private String tlsKey;

    /** For logback.xml: the appender starts its own messenger. */
    public MessengerAppender() {
        setName("messenger");
    }

    /** Bound to a log service someone else runs (bin/controller). */
    public MessengerAppender(LogService service) {
        this();
        this.service = service;
        this.includeCallerData = service.config().includeCallerData();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (service == null) {
            if (!(getContext() instanceof LoggerContext ctx)) {
                addError("MessengerAppender needs a logback-classic LoggerContext");
                return;
            }
            AccessTokens tokens;
            try {
                tokens = tokensFile == null ? null : AccessTokens.load(Path.of(tokensFile));
            } catch (IOException | RuntimeException e) {
                // The message names the file and line, never a token.
                addError("MessengerAppender cannot read tokensFile " + tokensFile + ": " + e.getMessage());
                return;
            }
            SslContext tls;
            try {
                tls = tls();
            } catch (IllegalArgumentException e) {
                addError("MessengerAppender: " + e.getMessage());
                return;
            }
            try {
                embedded = new EmbeddedMessenger(ctx, address, port, maxFrameBytes, tokens, tls,
                        LogServiceConfig.DEFAULTS.withRetain(retain).withQueueSize(queueSize)
                                .withIncludeCallerData(includeCallerData).withMaxRecordBytes(maxRecordBytes),
                        examples, this);
                service = embedded.logService();
            } catch (RuntimeException e) {
                addError("MessengerAppender cannot start its messenger: " + e.getMessage(), e);
                return;
            }
        }
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        if (embedded != null) {
            embedded.stop();
            embedded = null;
            service = null;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        LogService s = service;
        if (s == null || !s.streams(event.getLoggerName(), event.getLevel())) {
            return;
        }
        try {
            // What only this thread knows must be captured now: its name, and the caller if wanted.
            event.getThreadName();
            if (includeCallerData) {
                event.getCallerData();
            }
            boolean freeze = !LogRecord.argumentsAreValues(event.getArgumentArray());
            s.offer(new LogRecord(event, Thread.currentThread().getId(), freeze));
        } catch (RuntimeException e) {
            // The logging path never throws into the application.
            addWarn("MessengerAppender dropped a record: " + e);
        }
    }

    /** The service this appender feeds (null before start in embedded use). */
    public LogService logService() {
        return service;
    }

    /** The embedded messenger's listening address, once started (embedded use only). */
    public java.net.InetSocketAddress boundAddress() {
        return embedded == null ? null : embedded.boundAddress();
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setRetain(int retain) {
        this.retain = retain;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** The most bytes one record may become for one subscriber (at least 65536). */
    public void setMaxRecordBytes(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public void setMaxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    private SslContext tls() {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException("TLS needs both tlsCert and tlsKey");
        }
        return ServerTls.fromPem(Path.of(tlsCert), Path.of(tlsKey));
    }

    /** A PEM certificate chain: clients must then use TLS (with {@link #setTlsKey}). */
    public void setTlsCert(String file) {
        this.tlsCert = file == null || file.isBlank() ? null : file.trim();
    }

    /** The unencrypted PKCS#8 PEM private key of {@link #setTlsCert}'s certificate. */
    public void setTlsKey(String file) {
        this.tlsKey = file == null || file.isBlank() ? null : file.trim();
    }

    /** A tokens file ({@code token role} per line): clients must then authenticate. */
    public void setTokensFile(String tokensFile) {
        this.tokensFile = tokensFile == null || tokensFile.isBlank() ? null : tokensFile.trim();
    }

    public void setExamples(boolean examples) {
        this.examples = examples;
    }
}
