package io.poxlog.messenger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
    private static final String SECRET = "s3cret-s3cret-s3cret";

    @Test
    void aTokensFileGivesEachTokenItsRoleAndSkipsComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# operators\n\n" + SECRET + " admin\n  viewer-viewer-viewer   read # the NOC\n");
        AccessTokens tokens = AccessTokens.load(file);
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.roleOf(SECRET)).isEqualTo(Role.ADMIN);
        assertThat(tokens.roleOf("viewer-viewer-viewer")).isEqualTo(Role.READ);
        assertThat(tokens.roleOf("viewer-viewer-viewe")).isNull();
        assertThat(tokens.roleOf("")).isNull();
        assertThat(tokens.roleOf(null)).isNull();
        assertThat(tokens.toString()).doesNotContain(SECRET);
    }

    @Test
    void badLinesAreRefusedNamingTheLineButNeverTheToken() {
        assertThatThrownBy(() -> AccessTokens.parse(List.of("# x", SECRET + " root"), "f"))
                .hasMessage("f line 2: unknown role 'root'; roles are read and admin");
        assertThatThrownBy(() -> AccessTokens.parse(List.of(SECRET), "f"))
                .hasMessage("f line 1: expected 'token role' or 'token role name', found 1 fields");
        assertThatThrownBy(() -> AccessTokens.parse(List.of(SECRET + " read name extra"), "f"))
                .hasMessage("f line 1: expected 'token role' or 'token role name', found 4 fields");
        assertThatThrownBy(() -> AccessTokens.parse(List.of(SECRET + " read al\u001bice"), "f"))
                .hasMessage("f line 1: a token's name is letters, digits and . _ @ -, at most 64 characters; "
                        + "this one has 6 characters, some of them others");
        assertThatThrownBy(() -> AccessTokens.parse(List.of(SECRET + " read " + "a".repeat(65)), "f"))
                .hasMessage("f line 1: a token's name is letters, digits and . _ @ -, at most 64 characters; "
                        + "this one has 65 characters");
        assertThatThrownBy(() -> AccessTokens.parse(List.of("short read"), "f"))
                .hasMessage("f line 1: a token must be at least 16 characters long, this one has 5");
        assertThatThrownBy(() -> AccessTokens.parse(List.of(SECRET + " read", SECRET + " admin"), "f"))
                .hasMessage("f line 2: the same token as line 1");
        assertThatThrownBy(() -> AccessTokens.parse(List.of("# nothing"), "f"))
                .hasMessageStartingWith("f: no tokens");
    }

    @Test
    void anOptionalThirdColumnNamesTheTokenAndACommentMayFollowIt() {
        AccessTokens tokens = AccessTokens.parse(List.of(SECRET + " admin alice@noc # on call",
                "viewer-viewer-viewer read # no name", "another-another-another read"), "f");
        assertThat(tokens.grantOf(SECRET)).isEqualTo(new AccessTokens.Grant(Role.ADMIN, "alice@noc"));
        assertThat(tokens.grantOf("viewer-viewer-viewer")).isEqualTo(new AccessTokens.Grant(Role.READ, null));
        assertThat(tokens.grantOf("another-another-another").name()).isNull();
        assertThat(tokens.grantOf("unknown-unknown-unknown")).isNull();
    }

    @Test
    void adminHasEveryRightOfRead() {
        assertThat(Role.ADMIN.allows(Role.READ)).isTrue();
        assertThat(Role.READ.allows(Role.ADMIN)).isFalse();
        assertThat(Role.parse("read")).isEqualTo(Role.READ);
    }
}
