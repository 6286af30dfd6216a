package io.poxlog.bench;

import static io.poxlog.bench.SoakSessions.msg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.logservice.format.PyLogFormat;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The hostile client's attacks on the log service's settings (issue 10, item 1, amplification,
 * and item 12, {@code since} past 2^31) and on what it streams (control characters in injected
 * records), each on a connection already authenticated (with the admin token where it injects).
 * Each returns null when the server refused the attack naming the limit, or held it to the
 * limit, as it should (refusals counted by kind in {@link SoakRefusals}), else what it did
 * instead. The attacks that stop reading are in {@link SoakStallAttacks}, those on logger names
 * and levels in {@link SoakLevelAttacks}.
 */
final class SoakLogAttacks {
    /** The logger the records of the amplifying subscriptions come from (it exists: {@link SoakServer}). */
    static final String BIG = "soak.hostile.big";
    /** The logger of the batches of long records for a subscription that stopped reading. */
    static final String BATCH = "soak.hostile.batch";
    /** The logger the records with control characters come from. */
    static final String CONTROL = "soak.hostile.ctl";
    /** Issue 10's amplification, 170 dates of 9999 characters in 93 places: each record about 158 MB. */
    static final String WIDE_DATES = "%9999Y".repeat(170);
    static final String ASCTIMES = "%(asctime)s".repeat(93);
    /** Widths within the limit, yet each record would be 93 dates of 20,000 characters. */
    static final String DATES_PAST_THE_RECORD_LIMIT = "%1000Y".repeat(20);
    /** Each record 90 times its message: accepted, and a record of a long message passes the record limit. */
    static final String MESSAGES_90 = "%(message)s".repeat(90);
    /** Escapes a terminal would obey, C1 controls, bidi overrides and isolates, NUL and DEL. */
    static final String CONTROL_TEXT = "\u001b[2J\u001b]0;owned\u0007 \u009b31m red \u0085 \u202etxt.exe\u202c "
            + "\u2066iso\u2069 \u0000 \u007f \u200b end";
    private static final long REPLY_MS = SoakClient.REPLY_MS;

    private SoakLogAttacks() {
    }

    static String channel(String what) {
        return "log_hostile_" + what + "_" + UUID.randomUUID();
    }

    static ObjectNode join(String channel) {
        return msg("").put("cmd", "join_channel").put("channel", channel);
    }

    /** A join listening to {@code logger} only. */
    static ObjectNode join(String channel, String logger) {
        ObjectNode j = join(channel);
        j.putArray("subsystems").add(logger);
        return j;
    }

    /** An injected record (the admin right): {@code message} at INFO from {@code logger}. */
    static ObjectNode inject(String logger, String message) {
        return msg("log").put("message", message).put("level", "INFO").put("subsystem", logger);
    }

    /** A join, or later settings, that would make records of megabytes: refused naming the limit. */
    static String amplify(SoakConnection c, SoakRefusals r, int maxRecordBytes) throws IOException, InterruptedException {
        String ch = channel("amplify");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String problem;
        if (random.nextBoolean()) {
            c.send(join(ch).put("dateFormat", WIDE_DATES).put("format", ASCTIMES));
            problem = r.expect("format width (1000)", SoakClient.errorOf(c), "join of '" + ch + "' refused",
                    "is larger than the limit of " + PyLogFormat.MAX_WIDTH);
        } else if (random.nextBoolean()) {
            c.send(join(ch).put("dateFormat", DATES_PAST_THE_RECORD_LIMIT).put("format", ASCTIMES));
            problem = r.expect("max_record_bytes", SoakClient.errorOf(c), "join of '" + ch + "' refused",
                    "the limit of " + maxRecordBytes + " bytes", "max_record_bytes");
        } else {
            // The same, as later settings of a subscription that was accepted.
            c.onMessages(ch::equals, m -> { }); // its records, unread
            c.send(join(ch));
            problem = SoakSessions.roundTrip(c);
            if (problem == null) {
                c.send(msg(ch).put("dateFormat", DATES_PAST_THE_RECORD_LIMIT).put("format", ASCTIMES));
                problem = r.expect("max_record_bytes", SoakClient.errorOf(c), "the limit of " + maxRecordBytes + " bytes",
                        "max_record_bytes");
            }
        }
        return problem != null ? problem : SoakSessions.roundTrip(c);
    }

    /**
     * A format accepted at the record limit: a record whose own message makes it longer arrives
     * cut, says so, and the next record arrives whole.
     */
    static String cut(SoakConnection c, SoakRefusals r, int maxRecordBytes) throws IOException, InterruptedException {
        String ch = channel("cut");
        String marker = "cut-" + UUID.randomUUID();
        BlockingQueue<JsonNode> records = new LinkedBlockingQueue<>();
        c.onRecords(ch, records::add);
        // Its own records only: those of other hostile clients, as long, would fill it too.
        c.send(join(ch, BIG).put("json", true).put("format", MESSAGES_90).put("grep", marker));
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "join at the record limit: " + problem;
        }
        // As long as a frame allows: 90 times it is 5 MB.
        c.send(inject(BIG, marker + " " + "y".repeat(SoakServer.MAX_FRAME_BYTES - 2000) + " end"));
        c.send(inject(BIG, marker + "-small"));
        JsonNode cut = next(records, m -> m.path("message").asText().startsWith(marker + " "));
        if (cut == null) {
            return "the long record never arrived";
        }
        String text = cut.path("message").asText();
        if (!cut.path("truncated").asBoolean() || text.length() >= maxRecordBytes || text.endsWith(" end")
                || !text.contains(String.valueOf(maxRecordBytes)) || !text.contains("max_record_bytes")) {
            return "a record past the limit did not arrive cut, saying so: truncated=" + cut.path("truncated")
                    + ", " + text.length() + " characters";
        }
        r.count("record cut at max_record_bytes");
        JsonNode small = next(records, m -> m.path("message").asText().startsWith(marker + "-small"));
        if (small == null || small.has("truncated") || !small.path("message").asText().equals((marker + "-small").repeat(90))) {
            return "the record after the cut one did not arrive whole: " + small;
        }
        return null;
    }

    /**
     * {@code since} past 2^31 (issue 10, item 12) resumes from there: nothing older is replayed
     * and no loss is told. A {@code since} that is not a whole number of a long is refused.
     */
    static String since(SoakConnection c, SoakRefusals r, SoakServer server) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ch = channel("since");
        if (random.nextInt(3) == 0) {
            String[] bad = {"-1", "1.5", "\"12\"", "1e30", "18446744073709551616", "true"};
            String v = bad[random.nextInt(bad.length)];
            c.sendRaw("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"since\":" + v + "}");
            String problem = r.expect("since not a whole number", SoakClient.errorOf(c), "join of '" + ch + "' refused",
                    "'since' must be a whole number, 0 or more");
            return problem != null ? "since " + v + ": " + problem : SoakSessions.roundTrip(c);
        }
        long[] future = {(1L << 31) + random.nextInt(1000), (1L << 32) + 1, Long.MAX_VALUE - random.nextInt(2)};
        long since = future[random.nextInt(future.length)];
        BlockingQueue<JsonNode> records = new LinkedBlockingQueue<>();
        c.onRecords(ch, records::add);
        long publishedBefore = server.service.published();
        c.send(join(ch).put("since", since));
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "since " + since + ": " + problem;
        }
        for (int i = 0; i < 3; i++) {
            JsonNode m = next(records, x -> true);
            if (m == null) {
                return "since " + since + ": no record within " + REPLY_MS + " ms";
            }
            if (m.has("gap") || m.path("seq").asLong() <= publishedBefore) {
                return "since " + since + " (records logged so far: " + publishedBefore + ") was answered with "
                        + SoakRefusals.preview(m.toString());
            }
        }
        r.count("since past 2^31 resumed from there");
        return null;
    }

    /**
     * A record whose message holds escapes, C1 controls and bidi overrides is streamed with its
     * text intact, and the bytes on the wire are printable ASCII (the server writes every other
     * character as a {@code \\u} escape, as POX's json.dumps does).
     */
    static String controlCharacters(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        String ch = channel("control");
        String marker = "ctl-" + UUID.randomUUID();
        BlockingQueue<JsonNode> records = new LinkedBlockingQueue<>();
        StringBuilder wire = new StringBuilder();
        c.onMessages(ch::equals, m -> {
            for (byte b : m.bytes()) {
                if (b < 0x20 || b > 0x7e) {
                    synchronized (wire) {
                        wire.append(String.format("0x%02x ", b & 0xff));
                    }
                    break;
                }
            }
            records.add(m.tree());
        });
        c.send(join(ch, CONTROL).put("json", true));
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "join: " + problem;
        }
        String text = marker + " " + CONTROL_TEXT;
        c.send(inject(CONTROL, text).put("level", "WARNING"));
        JsonNode m = next(records, x -> x.path("message").asText().startsWith(marker));
        if (m == null) {
            return "the record with control characters never arrived";
        }
        if (!m.path("message").asText().equals(text) || !"WARNING".equals(m.path("levelname").asText())) {
            return "the record with control characters arrived changed: " + m;
        }
        synchronized (wire) {
            if (wire.length() > 0) {
                return "a message on the wire held raw bytes outside printable ASCII: " + wire;
            }
        }
        r.count("control characters streamed escaped");
        return null;
    }

    /** The next record on {@code records} that {@code wanted} accepts, or null after a reply's time. */
    static JsonNode next(BlockingQueue<JsonNode> records, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_MS);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left <= 0 ? null : records.poll(left, TimeUnit.NANOSECONDS);
            if (m == null || wanted.test(m)) {
                return m;
            }
        }
    }
}
