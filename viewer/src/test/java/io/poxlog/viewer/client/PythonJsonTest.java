package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Output identical to Python's json.dumps, checked against strings CPython printed. */
class PythonJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void oneLineUsesPythonsSeparators() throws Exception {
        assertThat(PythonJson.dumps(MAPPER.readTree("{\"count\":1,\"msg\":\"HELLO WORLD\",\"CHANNEL\":\"upper\"}")))
                .isEqualTo("{\"count\": 1, \"msg\": \"HELLO WORLD\", \"CHANNEL\": \"upper\"}");
        assertThat(PythonJson.dumps(MAPPER.readTree("{\"a\":[1,2.5,null,true],\"b\":{}}")))
                .isEqualTo("{\"a\": [1, 2.5, null, true], \"b\": {}}");
    }

    @Test
    void nonAsciiAndControlCharactersAreEscapedLikeEnsureAscii() throws Exception {
        // python3 -c 'import json; print(json.dumps({"m": "h\u00e9\u2603\n\x01\"\\"}))'
        assertThat(PythonJson.dumps(MAPPER.readTree("{\"m\":\"h\u00e9\u2603\\n\\u0001\\\"\\\\\"}")))
                .isEqualTo("{\"m\": \"h\\u00e9\\u2603\\n\\u0001\\\"\\\\\"}");
    }

    @Test
    void indentedMatchesJsonDumpsIndent4() throws Exception {
        // python3 -c 'import json; print(json.dumps({"a": 1, "b": [1, {}]}, indent=4))'
        assertThat(PythonJson.dumps(MAPPER.readTree("{\"a\":1,\"b\":[1,{}]}"), 4))
                .isEqualTo("{\n    \"a\": 1,\n    \"b\": [\n        1,\n        {}\n    ]\n}");
    }
}
