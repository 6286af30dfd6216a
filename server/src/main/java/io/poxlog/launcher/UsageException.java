package io.poxlog.launcher;

/** A command line that cannot be run; its message is shown to the user as is. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
