package io.poxlog.messenger.transport.http;

import io.poxlog.web.WebHandler;
import io.poxlog.web.WebResponse;
import io.poxlog.web.WebServer;

/**
 * Where an HTTP transport is served: its path on a {@link WebServer}, POX's Basic credentials
 * (when configured) checked before the transport's handler sees a request, and its sessions,
 * closed when it stops. {@link #mountOn} and {@link #stop} from any thread; requests come on the
 * web server's I/O threads.
 */
public final class HttpMount {
    private final String path;
    private final BasicAuth basic;
    private final HttpSessions<?> sessions;
    private volatile WebServer server;

    /** {@code basic}: null when the transport asks for no Basic credentials. */
    public HttpMount(String path, BasicAuth basic, HttpSessions<?> sessions) {
        this.path = path;
        this.basic = basic;
        this.sessions = sessions;
    }

    /** Mounts {@code handler} at the path on {@code web}; a request without the credentials asked for is answered 401 first. */
    public void mountOn(WebServer web, WebHandler handler) {
        web.mount(path, e -> {
            WebResponse refusal = basic == null ? null : basic.check(e.request());
            if (refusal != null) {
                e.respond(refusal);
            } else {
                handler.handle(e);
            }
        });
        server = web;
    }

    /** Unmounts and closes every session (each transport answers a request waiting as POX does). Safe twice. */
    public void stop() {
        WebServer s = server;
        server = null;
        if (s != null) {
            s.unmount(path);
        }
        sessions.stop();
    }
}
