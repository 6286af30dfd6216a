package io.poxlog.web.viewer;

import io.poxlog.web.WebExchange;
import io.poxlog.web.WebHandler;
import io.poxlog.web.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page's files from the class path ({@code io/poxlog/web/viewer/}), with the security
 * headers the page is built for: a strict Content-Security-Policy (no inline script or style,
 * {@code connect-src 'self'}). A stand-in for the {@code web.log_viewer} component while it is
 * built elsewhere; {@link ViewerFixture#mountPage} is the one place that mounts it. Any I/O thread.
 */
final class ViewerPages implements WebHandler {
    static final String ROOT = "io/poxlog/web/viewer/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "svg", "image/svg+xml");

    @Override
    public void handle(WebExchange exchange) {
        String sub = exchange.subpath();
        if (sub.isEmpty()) {
            exchange.respond(WebResponse.of(301, null, new byte[0]).withHeader("Location", exchange.request().path() + "/"));
            return;
        }
        String name = sub.equals("/") ? "index.html" : sub.substring(1);
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || name.contains("..") || name.contains("//") || name.contains("\\") || name.contains("%")) {
            exchange.respond(WebResponse.error(404, "no such file"));
            return;
        }
        byte[] body;
        try (InputStream in = ViewerPages.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                exchange.respond(WebResponse.error(404, "no such file"));
                return;
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.respond(WebResponse.of(200, type, body)
                .withHeader("Content-Security-Policy", CSP)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Cache-Control", "no-cache"));
    }
}
