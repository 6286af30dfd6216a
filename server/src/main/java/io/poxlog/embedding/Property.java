package io.poxlog.embedding;

/**
 * One appender property and the launcher option it becomes: {@code <port>7790</port>} is
 * {@code messenger.tcp_transport --tcp_port=7790}.
 *
 * @param name the property, as in logback.xml
 * @param component the launcher component it configures
 * @param option that component's option
 */
record Property(String name, String component, String option) {
    static final String MESSENGER = "messenger";
    static final String TCP = "messenger.tcp_transport";
    static final String LOG_SERVICE = "messenger.log_service";
    static final String EXAMPLES = "messenger.example";
    static final String WEB = "web.webcore";
    static final String WS = "messenger.ws_transport";
    static final String COMET = "messenger.web_transport";
    static final String JSON_RPC = "messenger.ajax_transport";
}
