package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a record's text may reach the controller's console as it is, and what only as a placeholder. */
class ConsoleTextTest {

    @Test
    void controlsBecomeVisibleAndNewlinesTabsAndOrdinaryTextStay() {
        assertThat(ConsoleText.sanitize("a\u001b[2Jb\u0007\u007f\u009b6n\r\n\tend")).isEqualTo("a^[[2Jb^G^?<9b>6n^M\n\tend");
        String plain = "INFO:openflow.of_01:[00-00-00-00-00-01 1] connected, h\u00e9llo \u2603 \ud83d\ude00";
        assertThat(ConsoleText.sanitize(plain)).isSameAs(plain);
    }

    @Test
    void invisibleFormatCharactersBecomeVisibleAsTheViewerShowsThem() {
        // Bidi overrides and isolates, the bidi marks, zero-width characters, a BOM, the line and
        // paragraph separators, a tag character (a pair) and half a pair standing alone.
        assertThat(ConsoleText.sanitize("\u202egnp.exe \u2067x\u2069 \u200f\u200e\u061c \u200bhid\u200d\u2060den\ufeff"
                + " \u2028\u2029 \udb40\udc41 \ud800."))
                .isEqualTo("<U+202E>gnp.exe <U+2067>x<U+2069> <U+200F><U+200E><U+61C> <U+200B>hid<U+200D><U+2060>den"
                        + "<U+FEFF> <U+2028><U+2029> <U+E0041> <U+D800>.");
    }
}
