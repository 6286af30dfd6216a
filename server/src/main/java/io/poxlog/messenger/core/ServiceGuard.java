package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the nexus runs a service's code (a bot's handler, a listener) so that its failure harms
 * nobody else: the client whose request failed is told, and the nexus thread goes on. Not for
 * failures of the nexus's own code, which {@link NexusThread} counts.
 *
 * <p>Stateless; called on the nexus thread, as every service callback is.
 */
final class ServiceGuard {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    private ServiceGuard() {
    }

    /**
     * Runs {@code action}: a {@link RequestException} becomes an error for {@code con}; anything
     * else, an {@link Error} too (a service out of memory or out of stack), is logged and reported
     * to {@code con} as an internal error, so the request is never lost without a word. If even
     * that fails for want of memory, the failure goes on to the nexus thread, which counts it.
     * {@code con} and {@code request} may be null (a callback no client asked for).
     */
    static void run(Connection con, ObjectNode request, Runnable action) {
        String requestChannel = request == null ? null : ErrorMessages.channelText(request);
        try {
            action.run();
        } catch (RequestException e) {
            if (con != null) {
                con.send(ErrorMessages.of(request, requestChannel, e.getMessage()));
            }
        } catch (Throwable e) {
            try {
                log.error("Service failed handling a message from {}", con, e);
            } catch (Throwable noMemoryToLog) {
                // the client is still told, below
            }
            if (con != null) {
                con.send(ErrorMessages.of(request, requestChannel, "internal error: " + e));
            }
        }
    }
}
