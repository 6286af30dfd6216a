package io.poxlog.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** No record text may drive the terminal. */
class SanitizerTest {
    @Test
    void escapeSequencesBecomeVisiblePlaceholders() {
        assertThat(Sanitizer.line("\u001b[31mred\u001b[0m")).isEqualTo("^[[31mred^[[0m");
        assertThat(Sanitizer.line("title\u001b]0;pwned\u0007")).isEqualTo("title^[]0;pwned^G");
        assertThat(Sanitizer.line("c1 \u009b2J del \u007f")).isEqualTo("c1 <9b>2J del ^?");
    }

    @Test
    void oneLineTextShowsLineBreaksPrintedTextKeepsThem() {
        assertThat(Sanitizer.line("a\nb\tc\r")).isEqualTo("a \u23ce b c^M");
        assertThat(Sanitizer.text("a\nb\tc\r")).isEqualTo("a\nb\tc^M");
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "plain text, \u00fcml\u00e4uts and \u2603";
        assertThat(Sanitizer.line(s)).isSameAs(s);
    }
}
