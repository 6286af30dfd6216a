package io.poxlog.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;

/**
 * Serves the files of one folder of the class path below a mount prefix: the web pages that ship
 * inside the server's jar (the log viewer's), from {@code bin/controller}'s jar or an embedding
 * application's class path alike. GET and HEAD only; nothing outside the folder, however the path
 * is written ({@code ..}, {@code %2e%2e}, encoded slashes and backslashes): no other resource of
 * the class path (a {@code logback.xml}, a {@code .class}) can be reached; no directory listings
 * (a folder serves its {@code index.html}, or nothing; a folder asked for without its {@code /}
 * is redirected to it, so that the page's relative URLs resolve below it); no hidden files; the
 * Content-Type by extension. Every answer, a refusal too, carries the headers given (the page's
 * Content-Security-Policy, say); files carry an {@code ETag} of their content and
 * {@code Cache-Control: no-cache}, so a browser asks again each time and is answered {@code 304}
 * while nothing changed.
 *
 * <p>Any I/O thread. A file is read when asked for (the viewer's are a few small ones, and a jar
 * the class loader holds open is read from memory or the page cache); a file larger than
 * {@link #MAX_FILE_BYTES} is answered 500 naming the limit, not read whole.
 */
public final class ClasspathFiles implements WebHandler {
    /** The largest file served: the pages shipped are tens of KiB; this bounds what one request reads. */
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

    private final ClassLoader loader;
    private final String folder;
    private final Map<String, String> headers;

    /**
     * @param folder a folder of the class path, such as {@code io/poxlog/web/viewer/}
     * @param headers added to every answer
     * @throws IllegalArgumentException when {@code folder} is not a relative folder name
     */
    public ClasspathFiles(ClassLoader loader, String folder, Map<String, String> headers) {
        if (folder.startsWith("/") || !folder.endsWith("/") || folder.contains("..") || folder.contains("\\")
                || folder.contains("//")) {
            throw new IllegalArgumentException("a class path folder is a name such as io/poxlog/web/viewer/, not '"
                    + folder + "'");
        }
        this.loader = loader;
        this.folder = folder;
        this.headers = Map.copyOf(headers);
    }

    public String folder() {
        return folder;
    }

    /** Whether the folder has this file (a name below it, such as {@code index.html}). */
    public boolean has(String name) {
        try {
            return read(name) != null;
        } catch (TooLarge e) {
            return true;
        }
    }

    @Override
    public void handle(WebExchange exchange) {
        String method = exchange.request().method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            respond(exchange, WebResponse.error(405, "the viewer's files are read with GET or HEAD, not " + method)
                    .withHeader("Allow", "GET, HEAD"));
            return;
        }
        String sub = exchange.subpath();
        if (sub.isEmpty()) {
            respond(exchange, redirect(exchange.request()));
            return;
        }
        String name = name(sub);
        if (name == null) {
            respond(exchange, notFound(exchange));
            return;
        }
        boolean folderAsked = name.isEmpty() || sub.endsWith("/");
        Asset file;
        try {
            file = read(folderAsked ? name + "index.html" : name);
        } catch (TooLarge e) {
            respond(exchange, WebResponse.error(500, "the file " + ServedNames.shorten(exchange.request().path())
                    + " is larger than " + MAX_FILE_BYTES + " bytes, the most this server serves from its class path "
                    + "(ClasspathFiles.MAX_FILE_BYTES)"));
            return;
        }
        if (file == null) {
            respond(exchange, !folderAsked && has(name + "/index.html") ? redirect(exchange.request())
                    : notFound(exchange));
            return;
        }
        String etag = file.etag();
        if (matches(exchange.request().header("If-None-Match"), etag)) {
            // no body, by HTTP's rule for 304; the length said is the file's, as a 200 would say it
            respond(exchange, WebResponse.of(304, null, new byte[0]).withHeader("ETag", etag)
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("Content-Length", Integer.toString(file.bytes().length)));
            return;
        }
        respond(exchange, WebResponse.of(200, ContentTypes.of(file.name()), file.bytes()).withHeader("ETag", etag)
                .withHeader("Cache-Control", "no-cache"));
    }

    private void respond(WebExchange exchange, WebResponse r) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        exchange.respond(r);
    }

    /**
     * The name below the folder that a raw subpath asks for ({@code js/app.js}; empty for the
     * folder itself; a folder's ends with {@code /}), or null when it may not be served: a
     * segment that is malformed, hidden ({@code .git}), {@code .} or {@code ..} however encoded,
     * or holds a slash, backslash, colon or NUL once decoded.
     */
    static String name(String rawSubpath) {
        List<String> names = new ArrayList<>();
        for (String segment : rawSubpath.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            String n = StaticFiles.decode(segment);
            if (n == null || n.startsWith(".") || n.indexOf('/') >= 0 || n.indexOf('\\') >= 0 || n.indexOf('\0') >= 0
                    || n.indexOf(':') >= 0) {
                return null;
            }
            names.add(n);
        }
        String joined = String.join("/", names);
        return joined.isEmpty() || !rawSubpath.endsWith("/") ? joined : joined + "/";
    }

    /** A file of the folder, read; null when there is none by that name (a folder is none). */
    private Asset read(String name) throws TooLarge {
        URL url = loader.getResource(folder + name);
        if (url == null) {
            return null;
        }
        try {
            byte[] bytes;
            URLConnection c = url.openConnection();
            if (c instanceof JarURLConnection jar) {
                JarEntry entry = jar.getJarEntry();
                if (entry == null || entry.isDirectory() || entry.getName().endsWith("/")) {
                    return null;
                }
                bytes = readAtMost(jar.getInputStream());
            } else if (url.getProtocol().equals("file")) {
                Path p = Path.of(url.toURI());
                if (!Files.isRegularFile(p)) {
                    return null; // a folder of a class path directory: its stream would list it
                }
                bytes = readAtMost(Files.newInputStream(p));
            } else if (name.lastIndexOf('.') > name.lastIndexOf('/')) {
                // another class loader's resources (an application server's): a name with an
                // extension is taken to be a file, as a folder's stream might list the folder
                bytes = readAtMost(c.getInputStream());
            } else {
                return null;
            }
            return new Asset(name, bytes);
        } catch (TooLarge e) {
            throw e;
        } catch (IOException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static byte[] readAtMost(InputStream stream) throws IOException {
        try (InputStream in = stream) {
            byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new TooLarge();
            }
            return b;
        }
    }

    /** A file past {@link #MAX_FILE_BYTES}. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("larger than " + MAX_FILE_BYTES + " bytes");
        }
    }

    /** Whether an {@code If-None-Match} value names this ETag ({@code *}, one of a list, weak or not). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.startsWith("W/") && t.substring(2).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** To the path asked for with a slash at the end, keeping the query; never {@code //host}. */
    private static WebResponse redirect(WebRequest request) {
        String location = (request.path() + "/").replaceFirst("^/+", "/")
                + (request.query().isEmpty() ? "" : "?" + request.query());
        return WebResponse.of(301, null, new byte[0]).withHeader("Location", location);
    }

    private static WebResponse notFound(WebExchange exchange) {
        return WebResponse.error(404, "no file at " + ServedNames.shorten(exchange.request().path()));
    }

    /** One file read, and its validator: a digest of its content (the jar's times may be fixed by the build). */
    private record Asset(String name, byte[] bytes) {
        String etag() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
                return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16))
                        + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
