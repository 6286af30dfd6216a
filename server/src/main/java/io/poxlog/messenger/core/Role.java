package io.poxlog.messenger.core;

import java.util.Locale;

/**
 * What a connection may do once it has authenticated (extension: see README.md, "Running it
 * safely"). {@code read} may subscribe to the log, get levels and use the example services;
 * {@code admin} may also change log levels and inject records. Each role includes the ones
 * before it.
 */
public enum Role {
    READ,
    ADMIN;

    /** The name in token files and on the wire: {@code read}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role has every right of {@code needed}. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role of that wire name. @throws IllegalArgumentException naming the known roles */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; roles are read and admin");
    }
}
