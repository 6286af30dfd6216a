package io.poxlog.messenger.core;

/** The product version, as the welcome and {@code --version} report it. */
public final class Version {
    public static final String VERSION = readVersion();

    private Version() {
    }

    private static String readVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
