package io.poxlog.launcher;

import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.comet.CometTransport;
import java.util.Set;

/**
 * {@code messenger.web_transport}: POX's comet transport at {@code /_webmsg/}, the one
 * {@code webmessenger.js} speaks, mounted on {@code web.webcore}'s server (which must be loaded too).
 */
final class WebTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.web_transport";
    }

    @Override
    public String description() {
        return "the messenger over HTTP long polling at " + CometTransport.PATH + " (POX's comet transport, "
                + "webmessenger.js's) on web.webcore (load it too): "
                + HttpTransportOptions.describe(CometSettings.DEFAULTS.sessions());
    }

    @Override
    public Set<String> options() {
        return HttpTransportOptions.NAMES;
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        settings(r);
    }

    private static CometSettings settings(ComponentRequest r) throws UsageException {
        String[] basic = HttpTransportOptions.basic(r);
        return CometSettings.DEFAULTS.withSessions(HttpTransportOptions.sessions(r, CometSettings.DEFAULTS.sessions()))
                .withBasic(basic[0], basic[1]);
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        HttpTransportOptions.needWeb(runtime, r);
        CometTransport t = new CometTransport(runtime.nexus(), settings(r)).mountOn(runtime.webServer());
        runtime.onStop(t::stop);
    }
}
