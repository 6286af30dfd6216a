package io.poxlog.logservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.MessageEvent;
import io.poxlog.messenger.core.RequestException;
import java.util.Objects;

/**
 * The bot of the {@code log} channel and of every {@code log_*} channel (PROTOCOL.md §5): runs the
 * level commands of any message, keeps the channel's subscription settings, and subscribes the
 * channel's members. Level commands and settings are two paths: a message changes the settings
 * only by naming them, and the subscription begins with the first join and ends with the last
 * leave, never with a level command (a {@code setLevels} on the {@code log} channel nobody
 * joined builds nothing).
 * Nexus thread only; it hands subscription changes to the log-service thread.
 */
final class LogBot extends ChannelBot {
    private static final String KEYS = "setLevels, raiseLevels, lowerLevels (with for), message, cmd get_levels, "
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
        LevelCommands.Prepared levels;
        SettingsChange change;
        int backlog;
        Long since;
        try {
            levels = commands.prepare(msg, connection);
            change = settingsChange(msg, subscription == null);
            backlog = (int) Math.min(count(msg, "backlog"), Integer.MAX_VALUE);
            since = since(msg);
        } catch (RequestException bad) {
            nexus().leave(connection, channel);
            throw new RequestException("join of '" + channel.name() + "' refused: " + bad.getMessage());
        }
        answer(connection, msg, levels.apply());
        if (subscription == null) {
            begin(change);
        } else {
            change.apply();
        }
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

    /**
     * Any other message: its level commands act on the controller, its settings on this channel's
     * subscription. The two are separate paths: a message with no setting leaves the settings
     * alone and builds nothing for them, and neither begins a subscription (only a join does).
     */
    @Override
    protected void unhandled(MessageEvent e) {
        ObjectNode msg = e.message();
        LevelCommands.Prepared levels = commands.prepare(msg, e.connection());
        SettingsChange change = SubscriptionSettings.mentions(msg) ? settingsChange(msg, false) : null;
        if (!levels.any() && change == null) {
            JsonNode cmd = msg.get("cmd");
            throw new RequestException((cmd != null ? "unknown command " + Json.preview(cmd) + "; " : "nothing to do; ")
                    + "'" + channel.name() + "' takes " + KEYS);
        }
        answer(e.connection(), msg, levels.apply());
        if (change != null) {
            change.apply();
        }
    }

    /**
     * Answers a timed level change (or one the cap timed) with its reverts, {@code cmd}
     * {@code levels_timed}. On the default channel, as errors are (PROTOCOL.md §6), with the
     * request's {@code XID} and {@code request_channel}: a log channel carries records only, and
     * POX's untimed changes are answered by nothing ({@code reply} null).
     */
    private void answer(Connection c, ObjectNode request, ObjectNode reply) {
        if (reply == null) {
            return;
        }
        ObjectNode out = Json.object();
        out.put("CHANNEL", io.poxlog.messenger.core.Nexus.DEFAULT_CHANNEL);
        out.put("cmd", "levels_timed");
        out.setAll(reply);
        out.put("request_channel", channel.name());
        if (request.has("XID")) {
            out.set("XID", request.get("XID"));
        }
        c.send(out);
    }

    /**
     * Checked settings a message leads to, and the encoding they need when it differs from the
     * subscription's (null: the subscription keeps its own).
     */
    private final class SettingsChange {
        final SubscriptionSettings next;
        final RecordEncoding encoding;

        SettingsChange(SubscriptionSettings next, RecordEncoding encoding) {
            this.next = next;
            this.encoding = encoding;
        }

        /**
         * The settings take effect: kept for the first join while nobody has joined, handed to the
         * service thread when they differ from the subscription's.
         */
        void apply() {
            boolean changed = !next.equals(settings);
            settings = next;
            Subscription s = subscription;
            if (s != null && changed) {
                RecordEncoding enc = encoding;
                SubscriptionSettings n = next;
                service.control(() -> service.updateSubscription(s, n, enc));
            }
        }
    }

    /**
     * The settings after {@code msg}, checked whole. An encoding is made only where one is needed:
     * for a subscription about to begin ({@code beginning}), or when the message changes how
     * records are encoded (while nobody has joined, that checks the format and is let go).
     */
    private SettingsChange settingsChange(ObjectNode msg, boolean beginning) {
        SubscriptionSettings next = settings.apply(msg);
        boolean encodingChanges = !next.format().equals(settings.format())
                || !Objects.equals(next.dateFormat(), settings.dateFormat()) || next.json() != settings.json();
        return new SettingsChange(next, beginning || encodingChanges ? service.encoding(next) : null);
    }

    /** The first join: the subscription begins, with the settings kept until now and the join's. */
    private void begin(SettingsChange change) {
        settings = change.next;
        Subscription s = new Subscription(channel.name(), settings, ended -> nexus().execute(() -> failed(ended)));
        subscription = s;
        RecordEncoding enc = change.encoding;
        service.control(() -> service.addSubscription(s, enc));
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
