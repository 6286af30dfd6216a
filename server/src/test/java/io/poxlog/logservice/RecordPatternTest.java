package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import io.poxlog.messenger.core.RequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** grep and exclude patterns: how they match, how they are sized and where their errors are. */
class RecordPatternTest {

    @Test
    void oneTextOfLoggerNameAndMessageWhereCaretAndDollarMatchAtEveryLine() {
        RecordPattern p = RecordPattern.compile("grep", "^openflow|^Connected|down$");
        assertThat(p.find("openflow.of_01", "anything")).isTrue();
        assertThat(p.find("web", "Connected to 10.0.0.1")).isTrue();
        assertThat(p.find("web", "link down")).isTrue();
        assertThat(p.find("web.openflow", "not Connected")).isFalse();
        assertThat(RecordPattern.compile("grep", "web\\.of").find("web", "of")).as("not across the two").isFalse();
    }

    @Test
    void onlyTheFirstPartOfALongMessageIsRead() {
        RecordPattern p = RecordPattern.compile("grep", "needle");
        String pad = "x".repeat(RecordPattern.MAX_TEXT - 6);
        assertThat(p.find("a", pad + "needle")).isTrue();
        assertThat(p.find("a", pad + "_needle")).isFalse();
    }

    @Test
    void theEstimateIsCloseToWhatRE2Compiles() {
        for (String regex : List.of("of_0[1-3]", "(?i)error|timeout", "\\d{1,3}(\\.\\d{1,3}){3}", "x{2,}", "a{3,7}b",
                "[]a]{10}", "[[:alpha:]]{20}", "\\p{Greek}{30}", "\\x{263a}{40}", "\\Q{}()\\E{50}", "(a|bc|def){60}")) {
            long estimate = RegexShape.of(regex).size();
            int compiled = Pattern.compile(regex).programSize();
            assertThat(estimate).as(regex).isBetween(compiled / 3L, compiled * 2L);
        }
    }

    @Test
    void errorsSayWhere() {
        assertThat(error("(a(b)")).isEqualTo("'grep': missing closing ) for the ( at position 0 in '(a(b)'");
        assertThat(error("[)]a)")).isEqualTo("'grep': unexpected ) at position 4 in '[)]a)'");
        assertThat(error("\\Q)\\E)")).isEqualTo("'grep': unexpected ) at position 5 in '\\Q)\\E)'");
        assertThat(error("ab[c")).isEqualTo("'grep': missing closing ] `[c` at position 2 in 'ab[c'");
        assertThat(error("ab\\")).isEqualTo("'grep': trailing backslash at end of expression at position 3 in 'ab\\'");
        assertThat(error("x{2,1}")).isEqualTo("'grep': invalid repeat count `{2,1}` at position 1 in 'x{2,1}'");
    }

    private static String error(String regex) {
        try {
            RecordPattern.compile("grep", regex);
        } catch (RequestException e) {
            return e.getMessage();
        }
        throw new AssertionError("compiled: " + regex);
    }

    @Test
    void equalWhenTheirTextIs() {
        assertThat(RecordPattern.compile("grep", "a|b")).isEqualTo(RecordPattern.compile("exclude", "a|b"))
                .isNotEqualTo(RecordPattern.compile("grep", "b|a"));
        assertThatThrownBy(() -> RecordPattern.compile("grep", "(")).isInstanceOf(RequestException.class);
    }

    @Test
    void aPatternPastItsShareOfASecondOrAllPatternsPastTheirsRunNoMoreUntilTheNext() {
        FilterBudget budget = new FilterBudget();
        FilterBudget.Share a = new FilterBudget.Share();
        FilterBudget.Share b = new FilterBudget.Share();
        long second = 7 * FilterBudget.WINDOW_NANOS;
        assertThat(budget.allows(a, second)).isTrue();
        budget.spend(a, FilterBudget.PER_PATTERN_NANOS);
        assertThat(budget.allows(a, second + 1)).isFalse();
        assertThat(budget.allows(b, second + 2)).as("another pattern has its own share").isTrue();
        budget.spend(b, FilterBudget.PER_PATTERN_NANOS - 1);
        FilterBudget.Share c = new FilterBudget.Share();
        assertThat(budget.allows(c, second + 3)).isTrue();
        budget.spend(c, FilterBudget.ALL_PATTERNS_NANOS);
        assertThat(budget.allows(b, second + 4)).as("all patterns' share is spent").isFalse();
        assertThat(budget.allows(a, second + FilterBudget.WINDOW_NANOS)).as("the next second").isTrue();
        assertThat(budget.allows(b, second + FilterBudget.WINDOW_NANOS)).isTrue();
    }
}
