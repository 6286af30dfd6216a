package io.poxlog.messenger.transport.tcp;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, loudly, when a listening transport is reachable from other hosts without the protection
 * it needs: without tokens anyone can read the log and act on the controller; without TLS the
 * tokens and the log cross the network in the clear. Public for {@code web.webcore}, which
 * warns the same way on its own logger.
 */
public final class ExposureWarning {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");

    private ExposureWarning() {
    }

    /** Logs the warning that applies, if any, and returns its text (null when none). */
    static String check(InetSocketAddress bound, boolean tokens, boolean tls) {
        return check(bound, bound.getAddress().getHostAddress(), tokens, tls);
    }

    /** As above, naming the address as the operator gave it ({@code 0.0.0.0}, not {@code 0:0:0:0:0:0:0:0}). */
    static String check(InetSocketAddress bound, String given, boolean tokens, boolean tls) {
        return check(log, bound, given, tokens, tls);
    }

    /** As above, on {@code log}. */
    public static String check(Logger log, InetSocketAddress bound, String given, boolean tokens, boolean tls) {
        if (bound.getAddress().isLoopbackAddress()) {
            return null;
        }
        String where = TcpTransport.shown(given, bound);
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
}
