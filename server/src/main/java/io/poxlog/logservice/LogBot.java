package io.poxlog.logservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.MessageEvent;
import io.poxlog.messenger.core.RequestException;

/**
 * The bot of the {@code log} channel and of every {@code log_*} channel (PROTOCOL.md §5): runs the
 * level commands of any message, keeps the channel's subscription settings, and subscribes the
 * channel's members. The first join creates the subscription; the last leave ends it.
 * Nexus thread only; it hands subscription changes to the log-service thread.
 */
final class LogBot extends ChannelBot {
    private static final String KEYS = "setLevels, raiseLevels, lowerLevels, message, cmd get_levels, "
            + "level, subsystems, add_subsystems, remove_subsystems, grep, exclude, format, dateFormat, json";

    private final LogService service;
    private final LevelCommands commands;
    private SubscriptionSettings settings = SubscriptionSettings.DEFAULTS;
    private Subscription subscription;

    LogBot(Channel channel, LogService service, LevelCommands commands) {
        super(channel);
        this.service = service;
        this.commands = commands;
        onCommand("get_levels", this::getLevels);
    }

    private void getLevels(MessageEvent e) {
        e.reply(commands.levels(e.message()));
    }

    @Override
    protected void joined(Connection connection, ObjectNode msg) {
        if (service.failure() != null) {
            nexus().leave(connection, channel);
            throw new RequestException("join of '" + channel.name() + "' refused: the log service has stopped ("
                    + ServiceFailures.describe(service.failure()) + ")");
        }
        Change change;
        int backlog;
        Long since;
        try {
            change = prepare(msg, connection);
            backlog = (int) Math.min(count(msg, "backlog"), Integer.MAX_VALUE);
            since = since(msg);
        } catch (RequestException bad) {
            nexus().leave(connection, channel);
            throw new RequestException("join of '" + channel.name() + "' refused: " + bad.getMessage());
        }
        change.apply();
        Subscription s = subscription;
        service.control(() -> service.addMember(s, connection, backlog, since));
    }

    @Override
    protected void left(Connection connection, boolean empty) {
        Subscription s = subscription;
        if (s == null) {
            return;
        }
        service.control(() -> service.removeMember(s, connection));
        if (empty) {
            end();
        }
    }

    @Override
    protected void destroyed() {
        end();
    }

    @Override
    protected void unhandled(MessageEvent e) {
        Change change = prepare(e.message(), e.connection());
        if (!change.commands.any() && !SubscriptionSettings.mentions(e.message())) {
            JsonNode cmd = e.message().get("cmd");
            throw new RequestException((cmd != null ? "unknown command " + Json.preview(cmd) + "; " : "nothing to do; ")
                    + "'" + channel.name() + "' takes " + KEYS);
        }
        change.apply();
    }

    /** A checked message: its level commands and the settings it leads to. */
    private final class Change {
        final LevelCommands.Prepared commands;
        final SubscriptionSettings next;
        final RecordEncoding encoding;

        Change(LevelCommands.Prepared commands, SubscriptionSettings next, RecordEncoding encoding) {
            this.commands = commands;
            this.next = next;
            this.encoding = encoding;
        }

        void apply() {
            commands.apply();
            boolean changed = !next.equals(settings);
            settings = next;
            if (subscription == null) {
                Subscription s = new Subscription(channel.name(), next, ended -> nexus().execute(() -> failed(ended)));
                subscription = s;
                RecordEncoding enc = encoding;
                service.control(() -> service.addSubscription(s, enc));
            } else if (changed) {
                Subscription s = subscription;
                RecordEncoding enc = encoding;
                service.control(() -> service.updateSubscription(s, next, enc));
            }
        }
    }

    private Change prepare(ObjectNode msg, Connection sender) {
        LevelCommands.Prepared p = commands.prepare(msg, sender);
        SubscriptionSettings next = settings.apply(msg);
        RecordEncoding encoding;
        try {
            encoding = new RecordEncoding(next.format(), next.dateFormat(), next.json(), service.zone(),
                    service.loggerContext().getBirthTime(), service.config().maxRecordBytes(), service.cuts());
        } catch (IllegalArgumentException e) {
            throw new RequestException(e.getMessage()); // it names the key at fault, and the limit
        }
        return new Change(p, next, encoding);
    }

    /**
     * Nexus thread: the service ended {@code s} because of a failure, and told its members so.
     * They leave the channel, so that the channel says who is subscribed and a join starts anew.
     */
    private void failed(Subscription s) {
        if (subscription != s) {
            return;
        }
        for (Connection c : new java.util.ArrayList<>(channel.members())) {
            nexus().leave(c, channel);
        }
        if (subscription == s) {
            end(); // the shared log channel is not destroyed when it empties
        }
    }

    private void end() {
        Subscription s = subscription;
        if (s != null) {
            subscription = null;
            settings = SubscriptionSettings.DEFAULTS;
            service.control(() -> service.endSubscription(s));
        }
    }

    /**
     * Where a resume starts: {@code since}, or 0 when the join's {@code log_id} names another run
     * of the log than this one (its {@code seq}s mean nothing here, so everything retained from
     * this run is replayed, and what is no longer retained is told as a gap).
     */
    private Long since(ObjectNode msg) {
        JsonNode id = msg.get("log_id");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw new RequestException("'log_id' must be a string, not " + Json.preview(id));
        }
        if (!msg.has("since") || msg.get("since").isNull()) {
            return null;
        }
        long since = count(msg, "since");
        boolean otherRun = id != null && id.isTextual() && !id.asText().equals(service.logId());
        return otherRun ? 0L : since;
    }

    /** A whole number, 0 or more; a long, as {@code seq} is. */
    private static long count(ObjectNode msg, String key) {
        JsonNode v = msg.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new RequestException("'" + key + "' must be a whole number, 0 or more, not " + Json.preview(v));
        }
        return v.asLong();
    }
}
