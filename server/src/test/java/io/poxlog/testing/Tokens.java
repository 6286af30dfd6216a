package io.poxlog.testing;

import io.poxlog.messenger.core.AccessTokens;
import java.util.List;

/** One read and one admin token, for tests of access control. */
public final class Tokens {
    public static final String READ = "read-token-0123456789abcdef";
    public static final String ADMIN = "admin-token-0123456789abcdef";
    public static final AccessTokens BOTH = AccessTokens.parse(List.of(
            "# test tokens", READ + " read", ADMIN + " admin  # the operator"), "test tokens");

    private Tokens() {
    }
}
