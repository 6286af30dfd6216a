package io.poxlog.messenger.transport.http;

import io.poxlog.messenger.core.AuthLimits;
import io.poxlog.messenger.core.SourceAddresses;
import io.poxlog.web.WebRequest;
import io.poxlog.web.WebResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * POX's HTTP Basic authentication of its web transports ({@code --username}, {@code --password};
 * PROTOCOL.md §10.5), done right: the credentials are compared as given (only the scheme name in
 * any case), in constant time, and an address that gives wrong ones earns the backoff a wrong
 * token earns ({@link AuthLimits}'s defaults: 5 failures, then 1 s doubling to 5 min), counted
 * here, apart from the messenger's tokens.
 *
 * <p>Any thread.
 */
public final class BasicAuth {
    private final byte[] expected;
    private final String realm;
    private final AuthLimits limits = AuthLimits.DEFAULTS;
    private final Map<String, long[]> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > limits.maxAddresses();
        }
    };

    public BasicAuth(String username, String password, String realm) {
        if (username == null || password == null || username.isEmpty()) {
            throw new IllegalArgumentException("Basic authentication needs a username and a password");
        }
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic username cannot contain ':'");
        }
        this.expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        this.realm = realm;
    }

    /** The header every answer carries while Basic is on (POX's quirk). */
    public String challenge() {
        return "Basic realm=\"" + realm + "\"";
    }

    /** Null when {@code r} carries the right credentials; otherwise the 401 to answer with. */
    public WebResponse check(WebRequest r) {
        String address = SourceAddresses.key(addressOf(r));
        long wait = waitMillis(address);
        if (wait > 0) {
            return refusal("too many wrong credentials from " + address + "; retry in " + ((wait + 999) / 1000) + " s");
        }
        String h = r.header("Authorization");
        if (h == null) {
            return refusal("this transport needs HTTP Basic authentication (--username, --password)");
        }
        String v = h.strip();
        int space = v.indexOf(' ');
        if (space < 0 || !v.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return refusal("this transport takes HTTP Basic authentication, not '" + (space < 0 ? "?" : v.substring(0,
                    Math.min(space, 20))) + "'");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(v.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (MessageDigest.isEqual(given, expected)) {
            return null;
        }
        failed(address);
        return refusal("wrong username or password");
    }

    private WebResponse refusal(String why) {
        return WebResponse.error(401, why).withHeader("WWW-Authenticate", challenge());
    }

    private static InetAddress addressOf(WebRequest r) {
        return r.remoteAddress() == null ? null : r.remoteAddress().getAddress();
    }

    private synchronized long waitMillis(String address) {
        long[] f = failures.get(address);
        if (f == null) {
            return 0;
        }
        long now = System.nanoTime();
        if (now - f[1] > limits.forgetAfter().toNanos()) {
            failures.remove(address);
            return 0;
        }
        return Math.max(0, (f[2] - now) / 1_000_000);
    }

    /** f: {count, last failure, blocked until}. */
    private synchronized void failed(String address) {
        long now = System.nanoTime();
        long[] f = failures.computeIfAbsent(address, a -> new long[3]);
        f[0]++;
        f[1] = now;
        long over = f[0] - limits.failuresPerAddress();
        if (over >= 0) {
            long backoff = limits.firstBackoff().toNanos() << Math.min(over, 30);
            f[2] = now + Math.min(backoff, limits.maxBackoff().toNanos());
        }
    }
}
