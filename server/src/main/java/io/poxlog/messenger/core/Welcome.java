package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the messenger says to each connection it accepts (PROTOCOL.md §2): the welcome, with the
 * server's name and version, whether it wants a token, and the features it has (an extension
 * clients use to tell this server from POX). Thread-safe: services add features from any thread
 * while the nexus thread builds welcomes.
 */
final class Welcome {
    private final Set<String> features = Collections.synchronizedSet(new LinkedHashSet<>());

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
        return w;
    }
}
