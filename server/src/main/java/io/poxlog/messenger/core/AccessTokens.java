package io.poxlog.messenger.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens that may use this messenger and the role of each, from a tokens file: one
 * {@code token role [name]} per line, roles {@code read} and {@code admin}; blank lines and lines
 * starting with {@code #} are ignored, and a {@code #} field after the role (or the name) starts a
 * comment. The optional name says whose token it is in audit records (the log service's level
 * changes): letters, digits and {@code . _ @ -}, at most {@value #MAX_NAME_LENGTH} characters.
 *
 * <p>Only SHA-256 digests of the tokens are kept, and {@link #roleOf} compares the digest of the
 * presented token with every one of them with {@link MessageDigest#isEqual}, never stopping
 * early, so the time it takes says nothing about how close a guess was. No message this class
 * makes ever contains a token. Immutable, so thread-safe.
 */
public final class AccessTokens {
    /** Shorter tokens could be guessed; refuse them rather than give a false sense of safety. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Names in audit records: short, and nothing a terminal or a log line could misread. */
    public static final int MAX_NAME_LENGTH = 64;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]+");

    /**
     * What a token grants: its role, and the name the tokens file gives it (null for none).
     *
     * @param role what the connection may do
     * @param name whose token it is, for audit records, or null
     */
    public record Grant(Role role, String name) {
    }

    private record Entry(byte[] digest, Grant grant) {
    }

    private final List<Entry> entries;

    private AccessTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads a tokens file. @throws IllegalArgumentException naming the file and line, never the token */
    public static AccessTokens load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the lines of a tokens file; {@code source} names it in errors. */
    public static AccessTokens parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            String[] fields = line.split("\\s+");
            int used = fields.length > 2 && !fields[2].startsWith("#") ? 3 : 2;
            if (fields.length < 2 || fields.length > used && !fields[used].startsWith("#")) {
                throw new IllegalArgumentException(where + "expected 'token role' or 'token role name', found "
                        + fields.length + " fields");
            }
            String name = used == 3 ? fields[2] : null;
            if (name != null && (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches())) {
                throw new IllegalArgumentException(where + "a token's name is letters, digits and . _ @ -, at most "
                        + MAX_NAME_LENGTH + " characters; this one has " + name.length() + " characters"
                        + (NAME.matcher(name).matches() ? "" : ", some of them others"));
            }
            if (fields[0].length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException(where + "a token must be at least " + MIN_TOKEN_LENGTH
                        + " characters long, this one has " + fields[0].length());
            }
            Role role;
            try {
                role = Role.parse(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            byte[] digest = digest(fields[0]);
            for (int j = 0; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(j).digest(), digest)) {
                    throw new IllegalArgumentException(where + "the same token as line " + lineOf.get(j));
                }
            }
            entries.add(new Entry(digest, new Grant(role, name)));
            lineOf.add(i + 1);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + ": no tokens; each line is 'token role' "
                    + "(roles read, admin)");
        }
        return new AccessTokens(entries);
    }

    /** The role of {@code token}, or null when it is not one of these tokens. Constant time. */
    public Role roleOf(String token) {
        Grant g = grantOf(token);
        return g == null ? null : g.role();
    }

    /** What {@code token} grants (its role and name), or null when it is not one of these tokens. Constant time. */
    public Grant grantOf(String token) {
        if (token == null) {
            return null;
        }
        byte[] presented = digest(token);
        Grant found = null;
        for (Entry e : entries) {
            // No early exit: every entry is compared whatever the outcome.
            if (MessageDigest.isEqual(e.digest(), presented) && found == null) {
                found = e.grant();
            }
        }
        return found;
    }

    public int size() {
        return entries.size();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Never the tokens themselves. */
    @Override
    public String toString() {
        return "AccessTokens[" + entries.size() + " tokens]";
    }
}
