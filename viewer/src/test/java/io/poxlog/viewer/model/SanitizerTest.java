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
    void bidiControlsAndOtherInvisibleFormattingBecomeVisiblePlaceholders() {
        // "Trojan source": an override makes the terminal show "admin" for what reads "nimda".
        assertThat(Sanitizer.line("user \u202enimda\u202c ok")).isEqualTo("user <202e>nimda<202c> ok");
        for (int c : new int[] {0x202a, 0x202b, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c}) {
            assertThat(Sanitizer.text("a" + (char) c + "b")).isEqualTo("a<" + Integer.toHexString(c) + ">b");
        }
        assertThat(Sanitizer.line("zero\u200bwidth\ufeff")).isEqualTo("zero<200b>width<feff>");
        assertThat(Sanitizer.text("line\u2028para\u2029")).isEqualTo("line<2028>para<2029>");
        // Outside the BMP: a tag character is a pair of surrogates, replaced whole.
        assertThat(Sanitizer.line("tag" + new String(Character.toChars(0xe0041)))).isEqualTo("tag<e0041>");
    }

    @Test
    void halvesOfSurrogatePairsAloneArePlaceholdersAndWholePairsStay() {
        assertThat(Sanitizer.line("lone \ud800 high, lone \udc00 low")).isEqualTo("lone <d800> high, lone <dc00> low");
        assertThat(Sanitizer.line("end \ud83d")).isEqualTo("end <d83d>");
        String emoji = "snow \u2603 and \ud83d\ude00";
        assertThat(Sanitizer.line(emoji)).isSameAs(emoji);
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
