package io.poxlog.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves one folder's files below a mount prefix (POX's {@code static} option): GET and HEAD
 * only; nothing outside the folder, however the path is written ({@code ..}, {@code %2e%2e},
 * encoded slashes) or linked (a symbolic link that leads out is refused, one inside is
 * followed); no directory listings (a directory serves its {@code index.html}, or nothing);
 * no hidden files ({@code .git}); the Content-Type by extension, and the server's
 * {@code X-Content-Type-Options: nosniff}. Each refusal is a 404 that does not say whether
 * something exists there. Any I/O thread.
 */
public final class StaticFiles implements WebHandler {
    private final Path root;

    /** @throws IllegalArgumentException naming it, when {@code folder} is not a readable directory */
    public StaticFiles(Path folder) {
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve " + folder + ": no such directory");
        }
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
            throw new IllegalArgumentException("cannot serve " + folder + ": not a readable directory");
        }
    }

    public Path folder() {
        return root;
    }

    @Override
    public void handle(WebExchange exchange) {
        String method = exchange.request().method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.respond(WebResponse.error(405, "files are read with GET or HEAD, not " + method)
                    .withHeader("Allow", "GET, HEAD"));
            return;
        }
        String sub = exchange.subpath();
        if (sub.isEmpty()) {
            exchange.respond(redirect(exchange.request().path() + "/"));
            return;
        }
        Path file = resolve(sub);
        if (file != null && Files.isDirectory(file)) {
            if (!sub.endsWith("/")) {
                exchange.respond(redirect(exchange.request().path() + "/"));
                return;
            }
            file = inside(file.resolve("index.html"));
        }
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            exchange.respond(notFound(exchange));
            return;
        }
        try {
            exchange.respond(WebResponse.file(file, Files.size(file), ContentTypes.of(file.getFileName().toString()))
                    .withHeader("Cache-Control", "no-cache"));
        } catch (IOException e) {
            exchange.respond(notFound(exchange));
        }
    }

    /** The real file a raw subpath names, inside the folder; null when none may be served. */
    Path resolve(String rawSubpath) {
        Path p = root;
        for (String segment : rawSubpath.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = decode(segment);
            if (name == null || name.startsWith(".") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                    || name.indexOf('\0') >= 0 || name.indexOf(':') >= 0) {
                return null;
            }
            p = p.resolve(name);
        }
        return inside(p);
    }

    /** {@code p} with every link followed, when it exists and lies in the folder; else null. */
    private Path inside(Path p) {
        if (!p.normalize().startsWith(root)) {
            return null;
        }
        try {
            Path real = p.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Percent-decoding as UTF-8 ({@code +} is a plus in a path); null when malformed. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                return null; // a raw non-ASCII character is not a valid path
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** To the same path with a slash at the end; never {@code //host}, which a browser reads as another site. */
    private static WebResponse redirect(String location) {
        return WebResponse.of(301, null, new byte[0]).withHeader("Location", location.replaceFirst("^/+", "/"));
    }

    private static WebResponse notFound(WebExchange exchange) {
        return WebResponse.error(404, "no file at " + ServedNames.shorten(exchange.request().path()));
    }
}
