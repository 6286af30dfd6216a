package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a client finds its token: a file given on the command line (the first line that is not
 * blank nor a {@code #} comment), else the environment variable {@value #ENV}. Never on the
 * command line itself, where other users of the host could read it.
 */
public final class ClientToken {
    public static final String ENV = "POXLOG_TOKEN";

    private ClientToken() {
    }

    /**
     * The token from {@code file} when given, else from {@code env}; null when neither has one.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no token (the
     *     message never holds a token)
     */
    public static String resolve(Path file, Map<String, String> env) {
        if (file != null) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        return t;
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the token file " + file + ": " + reason(e));
            }
            throw new IllegalArgumentException("the token file " + file + " holds no token");
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    /** Why a file could not be read, in words (the exception's class says it to Java programmers only). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "it cannot be read" : m.toLowerCase(java.util.Locale.ROOT);
    }

    /** The {@code auth} command that presents {@code token} (sent right after the welcome). */
    public static ObjectNode request(String token) {
        return JsonNodeFactory.instance.objectNode().put("CHANNEL", "").put("cmd", "auth").put("token", token);
    }
}
