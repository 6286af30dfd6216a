package io.poxlog.viewer.cli;

import picocli.CommandLine;

/** {@code --version} for every command of the viewer module. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"poxlog " + (v != null ? v : "0.1.0")};
    }
}
