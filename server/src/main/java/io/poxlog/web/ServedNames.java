package io.poxlog.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a server answers to in {@code Host}, and the origins whose pages may change its state.
 * A browser on the operator's desk can be made, by any site, to send requests here: a page whose
 * own name was rebound to this address (DNS rebinding) still sends its name in {@code Host}, and
 * a page of another site sends its own in {@code Origin}. Immutable; any thread.
 */
final class ServedNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern REG_NAME = Pattern.compile("[A-Za-z0-9._~-]+");
    /** Names listed in an error; more are said to exist. */
    private static final int NAMES_SHOWN = 6;

    private final Set<String> names;
    private final Set<String> origins;
    private final boolean tls;

    private ServedNames(Set<String> names, Set<String> origins, boolean tls) {
        this.names = names;
        this.origins = origins;
        this.tls = tls;
    }

    /**
     * The bound address, {@code localhost} when it is loopback (every local address when it is
     * the wildcard), and {@code allowedHosts}.
     */
    static ServedNames of(InetSocketAddress bound, List<String> allowedHosts, List<String> allowedOrigins, boolean tls) {
        Set<String> names = new LinkedHashSet<>();
        InetAddress a = bound.getAddress();
        if (a.isAnyLocalAddress()) {
            names.addAll(localAddresses());
            names.add("localhost");
        } else {
            names.add(literal(a));
            if (a.isLoopbackAddress()) {
                names.add("localhost");
            }
        }
        for (String h : allowedHosts) {
            String n = hostName(h);
            if (n == null) {
                throw new IllegalArgumentException("not a host name: '" + h + "'");
            }
            names.add(n);
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String o : allowedOrigins) {
            origins.add(origin(o));
        }
        return new ServedNames(Collections.unmodifiableSet(names), Collections.unmodifiableSet(origins), tls);
    }

    /** Null when {@code host} (a {@code Host} header, or null) names this server; otherwise why not. */
    String hostProblem(String host) {
        if (host == null) {
            return "a Host header is required";
        }
        String n = hostName(host);
        if (n == null) {
            return "Host '" + shorten(host) + "' is not a host name";
        }
        if (names.contains(n)) {
            return null;
        }
        List<String> shown = new ArrayList<>(names).subList(0, Math.min(NAMES_SHOWN, names.size()));
        return "Host '" + shorten(host) + "' is not a name this server answers to (" + String.join(", ", shown)
                + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "")
                + "); the operator can add it with --allowed_hosts";
    }

    /**
     * Null when a request with this {@code Origin} (null: none, a client that is not a browser)
     * may change state; otherwise why not. The same origin is the request's own scheme and
     * {@code Host}.
     */
    String originProblem(String origin, String host) {
        if (origin == null) {
            return null;
        }
        String given;
        try {
            given = origin(origin);
        } catch (IllegalArgumentException e) {
            return "Origin '" + shorten(origin) + "' may not change anything here";
        }
        if (origins.contains(given)) {
            return null;
        }
        String own = host == null ? null : ownOrigin(host);
        if (given.equals(own)) {
            return null;
        }
        return "Origin '" + shorten(origin) + "' may not change anything here: only pages of " + (own == null ? "this server"
                : own) + (origins.isEmpty() ? "" : " and of --allowed_origins") + " may";
    }

    Set<String> names() {
        return names;
    }

    private String ownOrigin(String host) {
        String n = hostName(host);
        if (n == null) {
            return null;
        }
        int port = tls ? 443 : 80;
        String h = host.strip();
        int close = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        if (colon > close && (close >= 0 || h.indexOf(':') == colon)) {
            try {
                port = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return (tls ? "https" : "http") + "://" + bracketed(n) + ":" + port;
    }

    /**
     * An origin as {@code scheme://host:port}, lower case, the port always given.
     *
     * @throws IllegalArgumentException naming it, when it is not an http or https origin
     */
    static String origin(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            String rawPath = u.getRawPath();
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null || u.getRawUserInfo() != null
                    || rawPath != null && !rawPath.isEmpty() || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new URISyntaxException(text, "not scheme://host[:port]");
            }
            String host = hostName(u.getHost());
            if (host == null) {
                throw new URISyntaxException(text, "not a host name");
            }
            int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + bracketed(host) + ":" + port;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): '" + shorten(text) + "'");
        }
    }

    /**
     * The name in a {@code Host} value ({@code example.org:8000}, {@code [::1]:8000}), lower case,
     * IP addresses in their canonical form; null when it is not one.
     */
    static String hostName(String host) {
        String h = host.strip();
        String name;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0 || !portOrNothing(h.substring(close + 1))) {
                return null;
            }
            name = h.substring(1, close);
            if (!IPV6.matcher(name).matches()) {
                return null;
            }
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && h.indexOf(':', colon + 1) >= 0) {
                name = h; // a bare IPv6 address, as an allowed host may be given
                if (!IPV6.matcher(name).matches()) {
                    return null;
                }
            } else {
                if (colon >= 0 && !portOrNothing(h.substring(colon))) {
                    return null;
                }
                name = colon < 0 ? h : h.substring(0, colon);
            }
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            return null;
        }
        if (name.indexOf(':') >= 0 || IPV4.matcher(name).matches()) {
            try {
                return literal(InetAddress.getByName(name)); // a literal: no lookup
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return REG_NAME.matcher(name).matches() ? name.toLowerCase(Locale.ROOT) : null;
    }

    private static boolean portOrNothing(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.charAt(0) != ':' || rest.length() < 2 || rest.length() > 6) {
            return false;
        }
        for (int i = 1; i < rest.length(); i++) {
            if (!Character.isDigit(rest.charAt(i)) || rest.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int scope = s.indexOf('%');
        return (scope < 0 ? s : s.substring(0, scope)).toLowerCase(Locale.ROOT);
    }

    private static String bracketed(String name) {
        return name.indexOf(':') >= 0 ? "[" + name + "]" : name;
    }

    private static List<String> localAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!(a instanceof Inet6Address) || !a.isLinkLocalAddress()) {
                        out.add(literal(a));
                    }
                }
            }
        } catch (SocketException e) {
            out.add("127.0.0.1");
        }
        return out;
    }

    static String shorten(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
