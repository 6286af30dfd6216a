package io.poxlog.messenger.core;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes session ids: 128 random bits from {@link SecureRandom}, URL-safe base64 without padding,
 * so an id is ASCII, unique per connection and cannot be guessed from another one.
 * Thread-safe.
 */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
