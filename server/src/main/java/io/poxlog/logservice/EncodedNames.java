package io.poxlog.logservice;

import java.util.HashMap;
import java.util.Map;

/**
 * Logger and thread names as encoded JSON strings, remembered: a controller has a few hundred of
 * them and logs millions of records. Bounded: past its size it starts again. Log-service thread only.
 */
final class EncodedNames {
    private static final int MAX = 4096;
    private final Map<String, byte[]> encoded = new HashMap<>();

    byte[] bytes(String name) {
        String key = name == null ? "" : name;
        byte[] b = encoded.get(key);
        if (b == null) {
            if (encoded.size() >= MAX) {
                encoded.clear();
            }
            b = JsonBytes.encodeString(key);
            encoded.put(key, b);
        }
        return b;
    }
}
