package io.poxlog.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers mounted on a server, by path prefix, as POX's {@code set_handler}: a request goes
 * to the longest prefix that its path is, or begins with followed by {@code /}. Thread-safe:
 * components mount while requests are answered.
 */
final class MountTable {
    /** What a path found. */
    record Match(String prefix, WebHandler handler, String subpath) {
    }

    private final ConcurrentHashMap<String, WebHandler> byPrefix = new ConcurrentHashMap<>();

    /**
     * {@code /_webmsg/} and {@code /_webmsg} are one prefix.
     *
     * @throws IllegalArgumentException naming it, when it is not a path
     */
    static String normalize(String prefix) {
        if (prefix == null || !prefix.startsWith("/") || prefix.contains("?") || prefix.contains("#")
                || prefix.contains("//") || prefix.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a mount prefix is a path such as /static, not '" + prefix + "'");
        }
        String p = prefix;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** @throws IllegalStateException when something is mounted there already */
    void mount(String prefix, WebHandler handler) {
        String p = normalize(prefix);
        if (handler == null) {
            throw new IllegalArgumentException("no handler given for " + p);
        }
        if (byPrefix.putIfAbsent(p, handler) != null) {
            throw new IllegalStateException("a handler is mounted at " + p + " already");
        }
    }

    boolean unmount(String prefix) {
        return byPrefix.remove(normalize(prefix)) != null;
    }

    /** The handler for a raw request path (beginning with {@code /}), or null. */
    Match find(String path) {
        String candidate = path;
        while (candidate.length() > 1 && candidate.endsWith("/")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        while (true) {
            WebHandler h = byPrefix.get(candidate);
            if (h != null) {
                return new Match(candidate, h, candidate.equals("/") ? path : path.substring(candidate.length()));
            }
            if (candidate.equals("/")) {
                return null;
            }
            int slash = candidate.lastIndexOf('/');
            candidate = slash <= 0 ? "/" : candidate.substring(0, slash);
        }
    }
}
