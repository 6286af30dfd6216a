package io.poxlog.messenger.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The unit in which limits per source address count: an IPv4 address, or an IPv6 /64 (a single
 * IPv6 host is commonly given a whole /64, so counting its addresses one by one would limit
 * nothing). Any thread.
 */
public final class SourceAddresses {
    private SourceAddresses() {
    }

    /** {@code 10.0.0.5}, {@code 2001:db8:1:2::/64}; null for an unknown address. */
    public static String key(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                sb.append(Integer.toHexString((b[i] & 0xff) << 8 | b[i + 1] & 0xff)).append(':');
            }
            return sb.append(":/64").toString();
        }
        return null;
    }
}
