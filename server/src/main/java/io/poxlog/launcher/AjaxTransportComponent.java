package io.poxlog.launcher;

import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcTransport;
import java.util.Set;

/**
 * {@code messenger.ajax_transport}: POX's JSON-RPC transport at {@code /_jrpcmsg/}, the one
 * POXDesk speaks, mounted on {@code web.webcore}'s server (which must be loaded too).
 */
final class AjaxTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.ajax_transport";
    }

    @Override
    public String description() {
        return "the messenger over JSON-RPC at " + JsonRpcTransport.PATH + " (POX's ajax transport, POXDesk's) on "
                + "web.webcore (load it too): " + HttpTransportOptions.describe(JsonRpcSettings.DEFAULTS.sessions());
    }

    @Override
    public Set<String> options() {
        return HttpTransportOptions.NAMES;
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        settings(r);
    }

    private static JsonRpcSettings settings(ComponentRequest r) throws UsageException {
        String[] basic = HttpTransportOptions.basic(r);
        return JsonRpcSettings.DEFAULTS.withSessions(HttpTransportOptions.sessions(r, JsonRpcSettings.DEFAULTS.sessions()))
                .withBasic(basic[0], basic[1]);
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        HttpTransportOptions.needWeb(runtime, r);
        JsonRpcTransport t = new JsonRpcTransport(runtime.nexus(), settings(r)).mountOn(runtime.webServer());
        runtime.onStop(t::stop);
    }
}
