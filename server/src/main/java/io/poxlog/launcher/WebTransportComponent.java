package io.poxlog.launcher;

import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.comet.CometTransport;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.web.WebServer;

/**
 * {@code messenger.web_transport}: POX's comet transport at {@code /_webmsg/}, the one
 * {@code webmessenger.js} speaks, mounted on {@code web.webcore}'s server (which must be loaded too).
 */
final class WebTransportComponent extends HttpTransportComponent<CometSettings> {
    WebTransportComponent() {
        super("messenger.web_transport", "the messenger over HTTP long polling at " + CometTransport.PATH
                + " (POX's comet transport, webmessenger.js's)", CometSettings.DEFAULTS.sessions());
    }

    @Override
    CometSettings settings(HttpSessionSettings sessions, String username, String password) {
        return CometSettings.DEFAULTS.withSessions(sessions).withBasic(username, password);
    }

    @Override
    ControllerRuntime.Stoppable mount(Nexus nexus, CometSettings settings, WebServer web) {
        return new CometTransport(nexus, settings).mountOn(web)::stop;
    }
}
