package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTokenTest {

    @Test
    void theFileWinsOverTheEnvironmentAndItsCommentsAreSkipped(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "# for the NOC\n\n  from-the-file  \n");
        assertThat(ClientToken.resolve(f, Map.of("POXLOG_TOKEN", "from-env"))).isEqualTo("from-the-file");
        assertThat(ClientToken.resolve(null, Map.of("POXLOG_TOKEN", " from-env "))).isEqualTo("from-env");
        assertThat(ClientToken.resolve(null, Map.of())).isNull();
    }

    @Test
    void aFileWithoutATokenIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "# nothing\n");
        assertThatThrownBy(() -> ClientToken.resolve(f, Map.of())).hasMessage("the token file " + f + " holds no token");
        assertThatThrownBy(() -> ClientToken.resolve(dir.resolve("none"), Map.of()))
                .hasMessageStartingWith("cannot read the token file " + dir.resolve("none"));
    }
}
