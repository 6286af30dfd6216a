package io.poxlog.launcher;

import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * {@code messenger}: the nexus. Other messenger components load it when it is missing; naming it
 * sets its options: {@code --tokens=FILE} (clients must authenticate) and the limits on what one
 * connection may make it hold, {@code --max_channels}, {@code --max_bots} and
 * {@code --invite_timeout}. All are applied in {@link #prepare}, before any transport listens.
 */
final class MessengerComponent implements Component {
    private static final int MAX_INVITE_TIMEOUT_SECONDS = 24 * 60 * 60;

    @Override
    public String name() {
        return "messenger";
    }

    @Override
    public String description() {
        return "the messenger nexus: --tokens=FILE (lines 'token role', roles read/admin: clients must "
                + "authenticate) --max_channels (" + Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION + " per connection, "
                + "joined or invited into) --max_bots (" + Nexus.DEFAULT_MAX_BOTS_PER_CONNECTION + " invited bots per "
                + "connection) --invite_timeout (" + Nexus.DEFAULT_INVITE_TIMEOUT.toSeconds() + " seconds an invited "
                + "channel waits for its first member)";
    }

    @Override
    public Set<String> options() {
        return Set.of("tokens", "max_channels", "max_bots", "invite_timeout");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        maxChannels(r);
        maxBots(r);
        inviteTimeoutSeconds(r);
        tokens(r);
    }

    private static int maxChannels(ComponentRequest r) throws UsageException {
        return r.intOption("max_channels", Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION, 1, 1_000_000);
    }

    private static int maxBots(ComponentRequest r) throws UsageException {
        return r.intOption("max_bots", Nexus.DEFAULT_MAX_BOTS_PER_CONNECTION, 1, 1_000_000);
    }

    private static int inviteTimeoutSeconds(ComponentRequest r) throws UsageException {
        return r.intOption("invite_timeout", (int) Nexus.DEFAULT_INVITE_TIMEOUT.toSeconds(), 1, MAX_INVITE_TIMEOUT_SECONDS);
    }

    /** The tokens file's contents, or null without {@code --tokens}. Errors never quote a token. */
    private static AccessTokens tokens(ComponentRequest r) throws UsageException {
        String file = r.option("tokens", null);
        if (file == null) {
            return null;
        }
        if (file.equals("true") || file.isBlank()) {
            throw new UsageException(r.name() + ": --tokens needs a file: --tokens=FILE");
        }
        try {
            return AccessTokens.load(Path.of(file));
        } catch (IOException e) {
            throw new UsageException(r.name() + ": cannot read the tokens file " + file + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(r.name() + ": " + e.getMessage());
        }
    }

    @Override
    public void prepare(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        Nexus nexus = runtime.nexus();
        nexus.setMaxChannelsPerConnection(maxChannels(r));
        nexus.setMaxBotsPerConnection(maxBots(r));
        nexus.setInviteTimeout(Duration.ofSeconds(inviteTimeoutSeconds(r)));
        AccessTokens tokens = tokens(r);
        if (tokens != null) {
            nexus.setAccessTokens(tokens);
            String file = r.option("tokens", null);
            LoggerFactory.getLogger("messenger").info("Clients must authenticate: {} tokens from {}", tokens.size(), file);
            String warning = permissionWarning(Path.of(file));
            if (warning != null) {
                LoggerFactory.getLogger("messenger").warn(warning);
            }
        }
    }

    /** A warning when other users of the host can read the tokens file, else null. */
    static String permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                return "The tokens file " + file + " is readable by other users (" + PosixFilePermissions.toString(p)
                        + "): anyone on this host can take a token. chmod 600 it.";
            }
        } catch (IOException | UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing to say.
        }
        return null;
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest request) {
        runtime.nexus();
    }
}
