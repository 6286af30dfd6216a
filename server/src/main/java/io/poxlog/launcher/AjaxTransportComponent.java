package io.poxlog.launcher;

import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcTransport;
import io.poxlog.web.WebServer;

/**
 * {@code messenger.ajax_transport}: POX's JSON-RPC transport at {@code /_jrpcmsg/}, the one
 * POXDesk speaks, mounted on {@code web.webcore}'s server (which must be loaded too).
 */
final class AjaxTransportComponent extends HttpTransportComponent<JsonRpcSettings> {
    AjaxTransportComponent() {
        super("messenger.ajax_transport", "the messenger over JSON-RPC at " + JsonRpcTransport.PATH
                + " (POX's ajax transport, POXDesk's)", JsonRpcSettings.DEFAULTS.sessions());
    }

    @Override
    JsonRpcSettings settings(HttpSessionSettings sessions, String username, String password) {
        return JsonRpcSettings.DEFAULTS.withSessions(sessions).withBasic(username, password);
    }

    @Override
    ControllerRuntime.Stoppable mount(Nexus nexus, JsonRpcSettings settings, WebServer web) {
        return new JsonRpcTransport(nexus, settings).mountOn(web)::stop;
    }
}
