package io.poxlog.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One component named on the command line with its own options, POX style:
 * {@code messenger.tcp_transport --tcp_port=7791}. A {@code --flag} without a value has the
 * value {@code "true"}.
 *
 * @param name the component, e.g. {@code messenger.tcp_transport:active}
 * @param options the options in the order given
 */
public record ComponentRequest(String name, Map<String, String> options) {

    /** Splits a command line into the components it names. Options before any component are refused. */
    public static List<ComponentRequest> parse(List<String> args) throws UsageException {
        List<ComponentRequest> out = new ArrayList<>();
        String name = null;
        Map<String, String> options = null;
        for (String arg : args) {
            if (arg.startsWith("--")) {
                if (name == null) {
                    throw new UsageException("option " + arg + " comes before any component; "
                            + "options follow the component they belong to");
                }
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                String key = eq < 0 ? body : body.substring(0, eq);
                String value = eq < 0 ? "true" : body.substring(eq + 1);
                if (key.isEmpty()) {
                    throw new UsageException(name + ": empty option name in '" + arg + "'");
                }
                if (options.put(key, value) != null) {
                    throw new UsageException(name + ": option --" + key + " given twice");
                }
            } else {
                if (name != null) {
                    out.add(new ComponentRequest(name, Collections.unmodifiableMap(options)));
                }
                if (arg.isBlank()) {
                    throw new UsageException("empty component name");
                }
                name = arg;
                options = new LinkedHashMap<>();
            }
        }
        if (name != null) {
            out.add(new ComponentRequest(name, Collections.unmodifiableMap(options)));
        }
        return out;
    }

    /** The value of an option, or {@code fallback} when it was not given. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** An option that must be a whole number within bounds. */
    public int intOption(String key, int fallback, int min, int max) throws UsageException {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException(name + ": --" + key + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": --" + key + " must be a whole number, not '" + v + "'");
        }
    }
}
