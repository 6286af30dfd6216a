package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the messenger says to each connection it accepts (PROTOCOL.md §2): the welcome, with the
 * server's name and version, whether it wants a token, and the features it has (an extension
 * clients use to tell this server from POX), and any field a service registers (the log service's
 * {@code log_id}). Thread-safe: services add features and fields from any thread while the nexus
 * thread builds welcomes.
 */
final class Welcome {
    /** The keys the messenger itself writes: a service may not replace them. */
    private static final Set<String> OWN_KEYS = Set.of("CHANNEL", "cmd", "session_id", "server", "version",
            "auth_required", "features");

    private final Set<String> features = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, String> fields = Collections.synchronizedMap(new LinkedHashMap<>());

    Welcome() {
        features.add("errors");
        features.add("remove_subsystems");
    }

    void addFeature(String feature) {
        features.add(feature);
    }

    void removeFeature(String feature) {
        features.remove(feature);
    }

    /**
     * Makes every welcome from now on carry {@code key: value}, replacing an earlier value.
     *
     * @throws IllegalArgumentException for a key the messenger writes itself
     */
    void putField(String key, String value) {
        if (OWN_KEYS.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is the messenger's own welcome key");
        }
        fields.put(key, value);
    }

    ObjectNode to(Connection con, boolean authRequired) {
        ObjectNode w = Json.object();
        w.put("CHANNEL", Nexus.DEFAULT_CHANNEL);
        w.put("cmd", "welcome");
        w.put("session_id", con.sessionId());
        w.put("server", "poxlog");
        w.put("version", Version.VERSION);
        w.put("auth_required", authRequired);
        ArrayNode f = w.putArray("features");
        synchronized (features) {
            features.forEach(f::add);
        }
        synchronized (fields) {
            fields.forEach(w::put);
        }
        return w;
    }
}
