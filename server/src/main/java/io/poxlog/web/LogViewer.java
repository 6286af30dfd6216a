package io.poxlog.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code web.log_viewer}'s pages on a {@link WebServer}: the browser log viewer that ships in the
 * server's jar ({@link #RESOURCES}), served at {@code /} and at its own prefix ({@code /log/}),
 * with nothing from elsewhere: the page talks only to its own origin, over the WebSocket
 * transport, as any log subscriber. Every answer carries {@link #HEADERS}: a Content-Security-
 * Policy that lets the page run its own scripts and styles and connect to its own origin only
 * (no inline script, no other site, not in a frame), and the headers that keep a browser from
 * guessing types, sending the URL elsewhere or framing the page.
 *
 * <p>{@link #mountOn} from any thread, as {@link WebServer#mount}.
 */
public final class LogViewer {
    /** Where the page's files are on the class path: its {@code index.html}, {@code css/}, {@code js/}. */
    public static final String RESOURCES = "io/poxlog/web/viewer/";
    /** The viewer's own prefix, besides {@code /}. */
    public static final String DEFAULT_PATH = "/log";
    /**
     * Scripts, styles and images from the page's origin only; connections ({@code fetch},
     * {@code WebSocket}) to it only ({@code 'self'} takes {@code ws://} and {@code wss://} to the
     * same host and port); nothing inline, no {@code <base>}, no form posts, never in a frame.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** On every answer of the viewer's, refusals too (the server adds {@code X-Content-Type-Options: nosniff}). */
    public static final Map<String, String> HEADERS = headers();

    private LogViewer() {
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        return java.util.Collections.unmodifiableMap(h);
    }

    /** The viewer's files from {@code loader}'s {@code resources} folder ({@link #RESOURCES} by default). */
    public static ClasspathFiles files(ClassLoader loader, String resources) {
        return new ClasspathFiles(loader, resources, HEADERS);
    }

    /**
     * Mounts {@code files} at {@code path} (its page at {@code path/}) and at {@code /} unless
     * something is mounted there already (a {@code --static} folder); returns the prefixes mounted,
     * {@code path}'s first.
     *
     * @throws IllegalStateException when something is mounted at {@code path} already
     */
    public static List<String> mountOn(WebServer server, String path, ClasspathFiles files) {
        String own = MountTable.normalize(path);
        List<String> mounted = new ArrayList<>();
        server.mount(own, files);
        mounted.add(own);
        if (!own.equals("/")) {
            try {
                server.mount("/", files);
                mounted.add("/");
            } catch (IllegalStateException taken) {
                // the operator's own handler keeps /; the viewer is at its prefix only
            }
        }
        return List.copyOf(mounted);
    }

    /**
     * The page's URL on a server bound at {@code bound}: {@code http://127.0.0.1:8000/}. A
     * server on every address ({@code 0.0.0.0}, {@code ::}) is shown by its loopback address
     * (127.0.0.1, [::1]), which its {@code Host} check accepts.
     */
    public static String url(WebSettings settings, InetSocketAddress bound, String prefix) {
        InetAddress a = bound.getAddress();
        String host;
        if (a.isAnyLocalAddress()) {
            // 0.0.0.0 is bound as :: by a dual-stack JVM: the address given says which family was meant
            String given = settings.address();
            host = given != null && given.contains(":") ? "[::1]" : "127.0.0.1";
        } else {
            String literal = a.getHostAddress();
            int scope = literal.indexOf('%');
            literal = scope < 0 ? literal : literal.substring(0, scope);
            host = a instanceof Inet6Address ? "[" + literal + "]" : literal;
        }
        String p = MountTable.normalize(prefix);
        return (settings.tls() == null ? "http" : "https") + "://" + host + ":" + bound.getPort()
                + (p.equals("/") ? "/" : p + "/");
    }
}
