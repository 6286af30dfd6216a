package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a messenger said when a connection opened (PROTOCOL.md §2), and what a client makes of
 * it. Immutable.
 *
 * @param sessionId the connection's session id ("" if it gave none)
 * @param authRequired whether it wants a token before anything else
 * @param features what it says it can do; null for a server that lists none (plain POX)
 * @param logId which run of the controller's log its {@code seq} numbers belong to (an
 *     extension); null when it does not say
 * @param message the welcome as received
 */
public record Welcome(String sessionId, boolean authRequired, Set<String> features, String logId, ObjectNode message) {
    /** The features of the log service, any one of which a controller serving its log lists. */
    private static final Set<String> LOG_SERVICE = Set.of("seq", "since", "backlog", "get_levels", "gap_notices");

    public Welcome {
        features = features == null ? null : Set.copyOf(features);
    }

    static Welcome of(ObjectNode w) {
        JsonNode f = w.get("features");
        Set<String> features = null;
        if (f != null && f.isArray()) {
            features = new LinkedHashSet<>();
            for (JsonNode x : f) {
                features.add(x.asText());
            }
        }
        JsonNode id = w.get("log_id");
        return new Welcome(w.path("session_id").asText(""), w.path("auth_required").asBoolean(false), features,
                id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : null, w);
    }

    /** A server that lists no features: POX, which logs a {@code test} probe and chokes on unknown commands. */
    public boolean isPox() {
        return features == null;
    }

    public boolean has(String feature) {
        return features != null && features.contains(feature);
    }

    /**
     * Whether the controller serves its log: POX cannot say (it lists nothing, so it is assumed
     * to); ours list the log service's features exactly when it is loaded.
     */
    public boolean servesLog() {
        return features == null || features.stream().anyMatch(LOG_SERVICE::contains);
    }
}
