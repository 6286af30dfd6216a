package io.poxlog.bench;

import static io.poxlog.bench.SoakSessions.msg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.logservice.LoggerLimits;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hostile client's attacks with logger names and levels (issue 10, items 3 and 14): names of
 * thousands of parts, messages naming thousands of new loggers, the loggers remote commands may
 * create spent, {@code get_levels} after them, and levels such as {@code 99999} and
 * {@code 1e30} (which once turned the root logger off, and everyone's log with it). On a
 * connection authenticated with the admin token, so that the limits, not the rights, refuse.
 * Each returns null when every attempt was refused naming its limit (or, for what is within the
 * limits, accepted), else what the server did instead.
 */
final class SoakLevelAttacks {
    private static final LoggerLimits LIMITS = LoggerLimits.DEFAULTS;
    private static final String LEVELS_ACCEPTED = "or a whole number from 0 to 50)";
    private static final String[] BAD_LEVELS = {"99999", "\"99999\"", "1e30", "\"1e30\"", "51", "-1", "20.5", "\"LOUD\"",
        "1000000000000000000000000000000"};

    private SoakLevelAttacks() {
    }

    /** Two of the logger-name attacks, chosen at random; each refused whole, naming its limit. */
    static String loggerNames(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 2; i++) {
            String problem = switch (random.nextInt(4)) {
                case 0 -> {
                    // Thousands of dotted parts: 40 KB of name, within the frame limit.
                    String deep = "soak.hostile.deep" + ".a".repeat(random.nextInt(2_000, 20_000));
                    c.send(SoakLogAttacks.inject(deep, "x"));
                    yield r.expect("logger name length (256)", SoakClient.errorOf(c), "'subsystem': logger name",
                            deep.length() + " characters long; the limit is " + LIMITS.maxNameLength());
                }
                case 1 -> {
                    String name = "s" + ".s".repeat(LIMITS.maxNameParts() + random.nextInt(1, 60)); // within 256 characters
                    ObjectNode set = msg("log");
                    set.putObject("setLevels").put(name, "INFO");
                    c.send(set);
                    yield r.expect("logger name parts (32)", SoakClient.errorOf(c), "parts; the limit is "
                            + LIMITS.maxNameParts());
                }
                case 2 -> {
                    int n = random.nextInt(LIMITS.maxNamesPerMessage() + 1, 2 * LIMITS.maxNamesPerMessage());
                    ObjectNode set = msg("log");
                    ObjectNode levels = set.putObject("setLevels");
                    String prefix = "w" + random.nextInt(1000) + "."; // short: 2,000 names fit in a frame
                    for (int k = 0; k < n; k++) {
                        levels.put(prefix + k, "INFO");
                    }
                    c.send(set);
                    yield r.expect("loggers per message (1000)", SoakClient.errorOf(c), "the message names " + n
                            + " loggers; the limit is " + LIMITS.maxNamesPerMessage() + " per message");
                }
                default -> {
                    int n = random.nextInt(LIMITS.maxNamesPerMessage() + 1, 2 * LIMITS.maxNamesPerMessage());
                    String ch = SoakLogAttacks.channel("subsystems");
                    ObjectNode join = SoakLogAttacks.join(ch);
                    ArrayNode subsystems = join.putArray("subsystems");
                    for (int k = 0; k < n; k++) {
                        subsystems.add("soak.hostile.s" + k);
                    }
                    c.send(join);
                    yield r.expect("loggers per message (1000)", SoakClient.errorOf(c), "join of '" + ch + "' refused",
                            "the limit is " + LIMITS.maxNamesPerMessage());
                }
            };
            if (problem != null) {
                return problem;
            }
        }
        return SoakSessions.roundTrip(c);
    }

    /**
     * Sets the level of nearly a message's worth of new loggers: accepted while the loggers
     * remote commands may create last, then refused naming that bound (it is the controller's,
     * in all: once spent, it stays spent, and loggers that exist can still be set).
     */
    static String spendLoggers(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        ObjectNode set = msg("log");
        ObjectNode levels = set.putObject("setLevels");
        String prefix = "soak.hostile.b" + UUID.randomUUID().toString().substring(0, 8) + ".n";
        for (int k = 0; k < LIMITS.maxNamesPerMessage() - 1; k++) {
            levels.put(prefix + k, "INFO");
        }
        c.send(set);
        String probe = "rt" + ThreadLocalRandom.current().nextInt(1_000_000);
        c.send(msg("").put("test", probe));
        JsonNode answer = c.await(m -> m.has("test") || m.has("error"), SoakClient.REPLY_MS);
        if (answer != null && answer.has("test")) {
            r.count("loggers created, within the bound");
            return null; // accepted: the bound is not spent yet
        }
        String problem = r.expect("remote loggers in all (2000)", answer, "remote commands may create "
                + LIMITS.maxCreatedLoggers() + " in all");
        if (problem != null) {
            return problem;
        }
        JsonNode after = c.await(m -> m.has("test") || m.has("error"), SoakClient.REPLY_MS);
        return after != null && probe.toUpperCase().equals(after.path("test").asText()) ? null
                : "after the refusal, the test round trip was answered with " + after;
    }

    /** {@code get_levels} once loggers are many: at most 5000 in a reply, saying how many matched. */
    static String getLevels(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        c.send(msg("log").put("cmd", "get_levels"));
        JsonNode reply = c.await(m -> m.has("levels") || m.has("error"), SoakClient.REPLY_MS);
        if (reply == null || !reply.has("levels")) {
            return "no levels report: " + reply;
        }
        int size = reply.get("levels").size();
        long total = reply.path("total").asLong(-1);
        if (size > LIMITS.maxLevelsReply() || size != Math.min(total, LIMITS.maxLevelsReply())
                || reply.path("truncated").asBoolean() != (total > size)) {
            return "a levels report of " + size + " loggers says total " + total + ", truncated "
                    + reply.path("truncated");
        }
        c.send(msg("log").put("cmd", "get_levels").put("limit", LIMITS.maxLevelsReply() + 1));
        String problem = r.expect("get_levels limit (5000)", SoakClient.errorOf(c), "'limit' must be a whole number from 0 to "
                + LIMITS.maxLevelsReply());
        return problem != null ? problem : SoakSessions.roundTrip(c);
    }

    /** Three levels outside 0 to 50, or not levels, in the places a level goes: each refused, changing nothing. */
    static String badLevels(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String noise = SoakServer.noiseLogger(random.nextInt(SoakServer.NOISE_LOGGERS));
        for (int i = 0; i < 3; i++) {
            String v = BAD_LEVELS[random.nextInt(BAD_LEVELS.length)];
            String ch = SoakLogAttacks.channel("level");
            String[] where = {
                "{\"CHANNEL\":\"log\",\"setLevels\":" + v + "}",
                "{\"CHANNEL\":\"log\",\"setLevels\":{\"" + noise + "\":" + v + "}}",
                "{\"CHANNEL\":\"log\",\"lowerLevels\":{\"" + noise + "\":" + v + "}}",
                "{\"CHANNEL\":\"log\",\"message\":\"x\",\"subsystem\":\"soak.injected\",\"level\":" + v + "}",
                "{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"level\":" + v + "}",
            };
            String sent = where[random.nextInt(where.length)];
            c.sendRaw(sent);
            String problem = r.expect("level outside 0-50", SoakClient.errorOf(c), "unknown level", LEVELS_ACCEPTED);
            if (problem != null) {
                return sent + ": " + problem;
            }
        }
        return SoakSessions.roundTrip(c);
    }
}
