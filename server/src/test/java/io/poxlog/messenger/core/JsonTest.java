package io.poxlog.messenger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The messenger's JSON on the wire is what POX's json.dumps writes: ASCII, with \\u escapes. */
class JsonTest {
    @Test
    void nonAsciiIsEscapedAsPoxWritesIt() {
        byte[] bytes = Json.encode(Json.object().put("msg", "h\u00e9llo \u2192 \ud83d\ude00"));
        // python3 -c 'import json; print(json.dumps({"msg": "h\u00e9llo \u2192 \U0001f600"}, separators=(",", ":")))'
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("{\"msg\":\"h\\u00e9llo \\u2192 \\ud83d\\ude00\"}");
    }
}
