package io.poxlog.messenger.transport.netty;

import java.net.InetSocketAddress;
import org.slf4j.Logger;

/**
 * Says, loudly, when a listening server (the TCP transport, {@code web.webcore}) is reachable from
 * other hosts without the protection it needs: without tokens anyone can read the log and act on
 * the controller; without TLS the tokens and the log cross the network in the clear. Each warns
 * on its own logger. Stateless; any thread.
 */
public final class ExposureWarning {
    private ExposureWarning() {
    }

    /**
     * Logs the warning that applies, if any, on {@code log}, and returns its text (null when none);
     * {@code given}: the address as the operator gave it (null: as bound).
     */
    public static String check(Logger log, InetSocketAddress bound, String given, boolean tokens, boolean tls) {
        if (bound.getAddress().isLoopbackAddress()) {
            return null;
        }
        String where = where(given, bound);
        String text;
        if (!tokens) {
            text = "*** UNPROTECTED: listening on " + where + " WITHOUT TOKENS: anyone who can reach it can read "
                    + "the log, change log levels and inject records. Give the messenger --tokens=FILE, or listen "
                    + "on 127.0.0.1 (README.md, 'Running it safely'). ***";
        } else if (!tls) {
            text = "*** Listening on " + where + " without TLS: tokens and the log cross the network in the clear. "
                    + "Give it --tls_cert and --tls_key (README.md, 'Running it safely'). ***";
        } else {
            return null;
        }
        log.warn(text);
        return text;
    }

    /**
     * The listening address as the operator gave it, with the port bound: the JVM reports a
     * wildcard {@code 0.0.0.0} bound on a dual-stack host as {@code 0:0:0:0:0:0:0:0}.
     */
    public static String where(String given, InetSocketAddress bound) {
        String host = given == null || given.isBlank() ? bound.getAddress().getHostAddress() : given;
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }
}
