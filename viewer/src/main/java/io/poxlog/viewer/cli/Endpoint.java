package io.poxlog.viewer.cli;

/** A controller to connect to, {@code host:port}; IPv6 literals as {@code [::1]:7790}. */
record Endpoint(String host, int port) {
    static Endpoint parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port must be a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port must be 1-65535");
        }
        return new Endpoint(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
